package io.github.inceptioncam.cli;

import io.github.inceptioncam.image.ImageFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The inputs of a run: files named on the command line, image files of folders (not recursive), and the
 * lines of an {@code --inputs-from} list. Each input has a key, its path relative to its input root with '/'
 * separators: inside a folder INPUT, the path below the folder; a file INPUT, the path as given; a list
 * line, the line as written (relative lines are relative to the list file's folder). Shards pick inputs by key.
 */
final class InputSet {
	/** One input: the file to read and its key. */
	static final class Input {
		final Path file;
		final String key;

		Input(Path file, String key) {
			this.file = file;
			this.key = key;
		}
	}

	final List<Input> all;

	private InputSet(List<Input> all) {
		this.all = all;
	}

	/**
	 * Expands {@code inputs} and the lines of {@code list} (null: none).
	 *
	 * @throws IOException with a one-line reason when the list cannot be read
	 */
	static InputSet of(List<Path> inputs, Path list) throws IOException {
		List<Input> out = new ArrayList<>();
		if (inputs != null) {
			for (Path p : inputs) {
				if (Files.isDirectory(p)) {
					for (Path f : ImageFiles.expand(List.of(p))) out.add(new Input(f, key(p.relativize(f))));
				} else {
					out.add(new Input(p, key(p)));
				}
			}
		}
		if (list != null) {
			if (!Files.isRegularFile(list)) throw new IOException(list + ": --inputs-from needs a text file with one image path per line");
			Path base = list.toAbsolutePath().getParent();
			List<String> lines;
			try {
				lines = Files.readAllLines(list, StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new IOException(list + ": cannot be read as UTF-8 text (" + Main.oneLine(e) + "); give one image path per line");
			}
			for (String raw : lines) {
				String line = raw.strip();
				if (line.isEmpty() || line.startsWith("#")) continue;
				Path p = Path.of(line);
				Path file = p.isAbsolute() ? p : relativeTo(base, p);
				out.add(new Input(file, key(p)));
			}
		}
		return new InputSet(out);
	}

	/** A relative list line against the list's folder, kept relative to the working directory when the list's folder is. */
	private static Path relativeTo(Path base, Path p) {
		Path resolved = base.resolve(p).normalize();
		Path cwd = Path.of("").toAbsolutePath();
		return resolved.startsWith(cwd) ? cwd.relativize(resolved) : resolved;
	}

	static String key(Path p) {
		String s = p.normalize().toString().replace('\\', '/');
		return s.isEmpty() ? "." : s;
	}

	/** The inputs of one shard, in input order. */
	List<Input> shard(Shard s) {
		if (s == null) return all;
		List<Input> out = new ArrayList<>();
		for (Input in : all) if (s.contains(in.key)) out.add(in);
		return out;
	}

	/** SHA-256 (hex) of the sorted keys of every input, one per line: the same run gives the same value in every shard. */
	String fingerprint() {
		List<String> keys = new ArrayList<>();
		for (Input in : all) keys.add(in.key);
		Collections.sort(keys);
		try {
			MessageDigest md = MessageDigest.getInstance("SHA-256");
			for (String k : keys) md.update((k + "\n").getBytes(StandardCharsets.UTF_8));
			StringBuilder sb = new StringBuilder();
			for (byte b : md.digest()) sb.append(String.format(Locale.ROOT, "%02x", b & 0xff));
			return sb.toString();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is missing from this Java", e);
		}
	}
}
