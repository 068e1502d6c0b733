package io.github.inceptioncam.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.inceptioncam.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of the command line: its exit code, stdout and stderr. */
public final class CliRun {
	public int code;
	public String out;
	public String err;

	public static CliRun of(String... args) {
		StringWriter o = new StringWriter(), e = new StringWriter();
		CliRun r = new CliRun();
		r.code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
		r.out = o.toString();
		r.err = e.toString();
		return r;
	}

	/** stdout as JSON lines, one object per line. */
	public List<JsonObject> json() {
		List<JsonObject> l = new ArrayList<>();
		for (String line : out.split("\n")) if (!line.isBlank()) l.add(JsonParser.parseString(line).getAsJsonObject());
		return l;
	}

	/** stdout as one JSON object. */
	public JsonObject object() {
		return JsonParser.parseString(out.trim()).getAsJsonObject();
	}
}
