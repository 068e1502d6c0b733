package io.github.inceptioncam.image;

import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.Prediction;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The results CSV, written image by image (so nothing computed is lost when a run stops): one row per
 * reported class, with the CAM box, and per row the row count of its image ({@code ranks}), the model's
 * SHA-256 and the settings key that produced it. The rows of one image are appended in one write under
 * the folder's {@link FolderLock}, so processes sharing a folder never interleave them. Reading tells which
 * images are complete: a line cut short by a kill, or an image with fewer rows than its {@code ranks},
 * is not, and is redone by a resumed run.
 */
public final class ResultsCsv {
	public static final String HEADER = "image,rank,index,label,probability,logit,device,cam_label,bbox_x,bbox_y,bbox_w,bbox_h,identity_error,"
		+ "ranks,model_sha256,settings";
	static final int COLUMNS = HEADER.split(",").length;
	private static final int IMAGE = 0, RANK = 1, RANKS = 13, MODEL = 14, SETTINGS = 15;

	private ResultsCsv() {}

	/** The rows of one image (each ending with a newline). */
	public static String rows(Classification c, String modelSha256, String settings) {
		StringBuilder sb = new StringBuilder();
		int rank = 1;
		int ranks = c.top().size();
		CamResult cam = c.cam();
		for (Prediction p : c.top()) {
			sb.append(quote(c.image())).append(',').append(rank++).append(',').append(p.index()).append(',').append(quote(p.label()))
				.append(',').append(fmt(p.probability())).append(',').append(fmt(p.logit())).append(',').append(quote(c.device()));
			if (cam != null) {
				int[] b = cam.box();
				sb.append(',').append(quote(cam.label()));
				for (int i = 0; i < 4; i++) sb.append(',').append(b == null ? "" : String.valueOf(b[i]));
				sb.append(',').append(fmt(cam.identityError()));
			} else {
				sb.append(",,,,,,");
			}
			sb.append(',').append(ranks).append(',').append(quote(modelSha256)).append(',').append(quote(settings)).append('\n');
		}
		return sb.toString();
	}

	/** Creates the file with its header when it does not exist yet (under the folder lock). */
	public static void create(Path csv) throws IOException {
		FolderLock.with(folder(csv), () -> {
			if (!Files.exists(csv) || Files.size(csv) == 0) AtomicFiles.write(csv, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
			return null;
		});
	}

	/** Appends the rows of one image in one write under the folder lock. */
	public static void append(Path csv, Classification c, String modelSha256, String settings) throws IOException {
		appendRows(csv, rows(c, modelSha256, settings));
	}

	/**
	 * Appends rows (whole lines) in one write under the folder lock; a last line left without its newline by
	 * a killed writer is ended first, so it stays one (dropped) line instead of merging with these rows.
	 */
	public static void appendRows(Path csv, String rows) throws IOException {
		byte[] bytes = rows.getBytes(StandardCharsets.UTF_8);
		FolderLock.with(folder(csv), () -> {
			try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
				long size = ch.size();
				ByteBuffer out;
				if (size == 0) {
					out = ByteBuffer.wrap((HEADER + "\n" + rows).getBytes(StandardCharsets.UTF_8));
				} else {
					ByteBuffer last = ByteBuffer.allocate(1);
					ch.read(last, size - 1);
					boolean torn = last.get(0) != '\n';
					out = ByteBuffer.allocate(bytes.length + (torn ? 1 : 0));
					if (torn) out.put((byte) '\n');
					out.put(bytes).flip();
				}
				long pos = size;
				while (out.hasRemaining()) pos += ch.write(out, pos);
			}
			return null;
		});
	}

	/** The rows of one image, in file order (only their text and what completeness needs is kept). */
	public static final class Group {
		public final String image;
		public final List<String> lines = new ArrayList<>();
		private String ranks;
		private String model;
		private String settings;
		private boolean consistent = true;

		Group(String image) {
			this.image = image;
		}

		void add(String line, String[] f) {
			if (lines.isEmpty()) {
				ranks = f[RANKS];
				model = f[MODEL];
				settings = f[SETTINGS];
			}
			if (!f[RANK].equals(String.valueOf(lines.size() + 1)) || !f[RANKS].equals(ranks) || !f[MODEL].equals(model)
				|| !f[SETTINGS].equals(settings)) consistent = false;
			lines.add(line);
		}

		/** Rows 1..ranks, each once, in order, all with the same ranks, model and settings. */
		public boolean complete() {
			if (!consistent || lines.isEmpty()) return false;
			try {
				return Integer.parseInt(ranks) == lines.size();
			} catch (NumberFormatException e) {
				return false;
			}
		}

		public String modelSha256() {
			return model;
		}

		public String settings() {
			return settings;
		}
	}

	/** A results CSV as read: its groups of rows, in order, and how many lines were damaged. */
	public static final class Contents {
		public final List<Group> groups = new ArrayList<>();
		/** Lines that are not rows: cut short by a kill, or of another layout. */
		public int damaged;

		/** Images with a complete group written with {@code settings}. */
		public Set<String> done(String settings) {
			Set<String> out = new HashSet<>();
			for (Group g : groups) if (g.complete() && g.settings().equals(settings)) out.add(g.image);
			return out;
		}

		/** Every image with at least one row, complete or not. */
		public Set<String> images() {
			Set<String> out = new HashSet<>();
			for (Group g : groups) out.add(g.image);
			return out;
		}
	}

	/**
	 * Reads a results CSV (empty contents when it does not exist).
	 *
	 * @throws IOException when its header is not this layout (one line naming the file and what to do)
	 */
	public static Contents read(Path csv) throws IOException {
		Contents out = new Contents();
		if (!Files.exists(csv) || Files.size(csv) == 0) return out;
		boolean endsWithNewline;
		try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.READ)) {
			ByteBuffer last = ByteBuffer.allocate(1);
			ch.read(last, ch.size() - 1);
			endsWithNewline = last.get(0) == '\n';
		}
		try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			String header = r.readLine();
			if (!HEADER.equals(header)) {
				throw new IOException(csv + ": not a results.csv of this version (its header differs); move it away or choose another output folder");
			}
			Group current = null;
			String line = r.readLine();
			while (line != null) {
				String next = r.readLine();
				if (next == null && !endsWithNewline) { // the last line has no newline: a write cut short
					out.damaged++;
					break;
				}
				if (!line.isEmpty()) {
					String[] f = split(line);
					if (f == null || f.length != COLUMNS) {
						out.damaged++;
						current = null; // rows before a damaged line stay their own (incomplete) group
					} else {
						if (current == null || !current.image.equals(f[IMAGE]) || f[RANK].equals("1")) {
							current = new Group(f[IMAGE]);
							out.groups.add(current);
						}
						current.add(line, f);
					}
				}
				line = next;
			}
		} catch (java.nio.charset.CharacterCodingException e) {
			throw new IOException(csv + ": not UTF-8 text; move it away or choose another output folder");
		}
		return out;
	}

	/** What {@link #prepare} found. */
	public static final class Prepared {
		/** Inputs with complete rows of these settings: skipped. */
		public final Set<String> done = new HashSet<>();
		/** Inputs whose rows were dropped to be redone (other settings, incomplete). */
		public int redo;
		/** Damaged lines dropped. */
		public int damaged;
	}

	/**
	 * Readies a CSV for a resumed run over {@code inputs} with {@code settings}, under the folder lock:
	 * creates it when missing; keeps the complete groups of these settings (their inputs are done);
	 * drops the other rows of these inputs (other settings, incomplete) and damaged lines, so what is redone
	 * replaces them. Rows of other images are kept as they are. The file is replaced atomically.
	 */
	public static Prepared prepare(Path csv, Collection<String> inputs, String settings) throws IOException {
		return FolderLock.with(folder(csv), () -> {
			Prepared p = new Prepared();
			Contents c = read(csv);
			p.damaged = c.damaged;
			Set<String> ours = new HashSet<>(inputs);
			Set<String> keep = new HashSet<>();
			List<Group> kept = new ArrayList<>();
			boolean changed = c.damaged > 0 || !Files.exists(csv);
			Set<String> redone = new HashSet<>();
			for (Group g : c.groups) {
				if (!ours.contains(g.image)) {
					kept.add(g);
				} else if (g.complete() && g.settings().equals(settings)) {
					keep.add(g.image); // several groups: one per slice of a stack (Fiji's all-slices batch)
					kept.add(g);
				} else {
					changed = true;
					redone.add(g.image);
				}
			}
			p.done.addAll(keep);
			redone.removeAll(p.done);
			p.redo = redone.size();
			if (changed) write(csv, kept);
			return p;
		});
	}

	/** Writes a whole CSV (header, then the groups' rows in order) to a temporary name and renames it over {@code csv}. */
	public static void write(Path csv, Collection<Group> groups) throws IOException {
		AtomicFiles.write(csv, tmp -> {
			try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
				w.write(HEADER);
				w.write('\n');
				for (Group g : groups) {
					for (String l : g.lines) {
						w.write(l);
						w.write('\n');
					}
				}
			}
		});
	}

	/** The image column values already in the CSV, complete or not (empty when it does not exist). */
	public static Set<String> images(Path csv) throws IOException {
		return read(csv).images();
	}

	/** The fields of one line, or null when it is not well-formed CSV. */
	static String[] split(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder f = new StringBuilder();
		int i = 0, n = line.length();
		while (true) {
			f.setLength(0);
			if (i < n && line.charAt(i) == '"') {
				i++;
				while (true) {
					if (i >= n) return null; // unterminated quote
					char ch = line.charAt(i++);
					if (ch == '"') {
						if (i < n && line.charAt(i) == '"') {
							f.append('"');
							i++;
						} else {
							break;
						}
					} else {
						f.append(ch);
					}
				}
				if (i < n && line.charAt(i) != ',') return null;
			} else {
				while (i < n && line.charAt(i) != ',') {
					if (line.charAt(i) == '"') return null;
					f.append(line.charAt(i++));
				}
			}
			out.add(f.toString());
			if (i >= n) break;
			i++; // the comma
		}
		return out.toArray(new String[0]);
	}

	private static Path folder(Path csv) {
		return csv.toAbsolutePath().getParent();
	}

	private static String fmt(double v) {
		return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8g", v) : "";
	}

	/** A field: quoted when it holds a comma or quote; line breaks become spaces (one row is one line). */
	static String quote(String s) {
		if (s == null) return "";
		s = s.replace('\n', ' ').replace('\r', ' ');
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}
