package io.github.inceptioncam.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an annotation table: a header line, then {@code image,label[,x,y,w,h]} per row (box fields
 * optional or empty). Fields may be double-quoted.
 */
public final class LabelsCsv {
	private LabelsCsv() {}

	public static List<Annotation> read(Path csv) throws IOException {
		if (!Files.isRegularFile(csv)) throw new IOException(csv + ": no labels.csv; write one with the header image,label,x,y,w,h");
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		if (lines.isEmpty()) throw new IOException(csv + ": empty file; it needs the header image,label,x,y,w,h");
		List<String> header = split(lines.get(0).replace("\uFEFF", ""));
		if (header.size() < 2 || !header.get(0).trim().equalsIgnoreCase("image") || !header.get(1).trim().equalsIgnoreCase("label")) {
			throw new IOException(csv + ": the first line must be the header image,label[,x,y,w,h], not '" + lines.get(0) + "'");
		}
		List<Annotation> out = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) continue;
			List<String> f = split(line);
			if (f.size() < 2 || f.get(0).isBlank() || f.get(1).isBlank()) {
				throw new IOException(csv + ": line " + (i + 1) + " needs at least image and label: '" + line + "'");
			}
			int[] box = null;
			if (f.size() >= 6 && !f.get(2).isBlank()) {
				try {
					box = new int[4];
					for (int k = 0; k < 4; k++) box[k] = (int) Math.round(Double.parseDouble(f.get(2 + k).trim()));
				} catch (NumberFormatException e) {
					throw new IOException(csv + ": line " + (i + 1) + " has a box that is not four numbers: '" + line + "'");
				}
				if (box[2] <= 0 || box[3] <= 0) throw new IOException(csv + ": line " + (i + 1) + " has an empty box: '" + line + "'");
			}
			out.add(new Annotation(f.get(0).trim(), f.get(1).trim(), box));
		}
		return out;
	}

	static List<String> split(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cur.append('"');
					i++;
				} else if (c == '"') {
					quoted = false;
				} else {
					cur.append(c);
				}
			} else if (c == '"') {
				quoted = true;
			} else if (c == ',') {
				out.add(cur.toString());
				cur.setLength(0);
			} else {
				cur.append(c);
			}
		}
		out.add(cur.toString());
		return out;
	}
}
