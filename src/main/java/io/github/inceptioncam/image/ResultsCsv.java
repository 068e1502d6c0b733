package io.github.inceptioncam.image;

import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.Prediction;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The results CSV written image by image (so nothing computed is lost when a run stops): one row per
 * reported class, with the CAM box. Also tells which images a folder's CSV already holds, so an
 * interrupted batch can resume.
 */
public final class ResultsCsv {
	public static final String HEADER = "image,rank,index,label,probability,logit,device,cam_label,bbox_x,bbox_y,bbox_w,bbox_h,identity_error";

	private ResultsCsv() {}

	/** Creates the file with its header when it does not exist yet. */
	public static void create(Path csv) throws IOException {
		if (!Files.exists(csv)) Files.write(csv, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/** Appends the rows of one image and flushes them to disk. */
	public static void append(Path csv, Classification c) throws IOException {
		StringBuilder sb = new StringBuilder();
		int rank = 1;
		CamResult cam = c.cam();
		for (Prediction p : c.top()) {
			sb.append(quote(c.image())).append(',').append(rank++).append(',').append(p.index()).append(',').append(quote(p.label()))
				.append(',').append(fmt(p.probability())).append(',').append(fmt(p.logit())).append(',').append(c.device());
			if (cam != null) {
				int[] b = cam.box();
				sb.append(',').append(quote(cam.label()));
				for (int i = 0; i < 4; i++) sb.append(',').append(b == null ? "" : String.valueOf(b[i]));
				sb.append(',').append(fmt(cam.identityError()));
			} else {
				sb.append(",,,,,,");
			}
			sb.append('\n');
		}
		try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
			w.write(sb.toString());
		}
	}

	/** The image column values already in the CSV (empty when it does not exist). */
	public static Set<String> images(Path csv) throws IOException {
		Set<String> out = new HashSet<>();
		if (!Files.exists(csv)) return out;
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		for (int i = 1; i < lines.size(); i++) {
			String l = lines.get(i);
			if (l.isEmpty()) continue;
			if (l.startsWith("\"")) {
				int end = l.indexOf("\",");
				if (end > 0) out.add(l.substring(1, end).replace("\"\"", "\""));
			} else {
				out.add(l.substring(0, Math.max(0, l.indexOf(','))));
			}
		}
		return out;
	}

	private static String fmt(double v) {
		return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8g", v) : "";
	}

	private static String quote(String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}
