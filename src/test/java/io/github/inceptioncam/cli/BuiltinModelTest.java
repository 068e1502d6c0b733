package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.inceptioncam.model.InceptionModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model shipped in the jar, on the shipped sample images: the README's main job. */
class BuiltinModelTest {
	static final Path SAMPLES = Paths.get("sample-images");

	@Test
	void builtinModelIsCamReadyWithFourLabels() throws Exception {
		assertTrue(InceptionModel.hasBuiltin(), "the jar must ship a model");
		InceptionModel m = InceptionModel.load(null, null);
		assertEquals(List.of("interphase", "mitosis", "apoptosis", "binucleated"), m.metadata().labels());
		assertTrue(m.head().hasCam(), m.head().noCamReason());
		assertEquals(1, m.metadata().channels());
	}

	@Test
	void everySampleImageGetsItsClassAndABoxOnTheDecidingCell() throws Exception {
		Map<String, String[]> truth = new HashMap<>();
		List<String> rows = Files.readAllLines(SAMPLES.resolve("labels.csv"));
		for (String r : rows.subList(1, rows.size())) truth.put(r.split(",", -1)[0], r.split(",", -1));
		StringWriter out = new StringWriter(), err = new StringWriter();
		int code = Main.run(new String[] {"classify", "--device", "cpu", "--json", SAMPLES.toString()}, new PrintWriter(out), new PrintWriter(err));
		assertEquals(0, code, err.toString());
		int n = 0;
		for (String line : out.toString().split("\n")) {
			JsonObject o = JsonParser.parseString(line).getAsJsonObject();
			String[] t = truth.get(Paths.get(o.get("image").getAsString()).getFileName().toString());
			String label = o.getAsJsonArray("top").get(0).getAsJsonObject().get("label").getAsString();
			assertEquals(t[1], label, o.get("image").getAsString());
			if (!t[2].isEmpty()) {
				// the CAM box contains the centre of the annotated object
				int cx = Integer.parseInt(t[2]) + Integer.parseInt(t[4]) / 2, cy = Integer.parseInt(t[3]) + Integer.parseInt(t[5]) / 2;
				int[] b = new int[4];
				for (int i = 0; i < 4; i++) b[i] = o.getAsJsonObject("cam").getAsJsonArray("bbox").get(i).getAsInt();
				assertTrue(cx >= b[0] && cx < b[0] + b[2] && cy >= b[1] && cy < b[1] + b[3], line);
			}
			n++;
		}
		assertEquals(truth.size(), n);
	}
}
