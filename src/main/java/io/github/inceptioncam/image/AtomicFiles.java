package io.github.inceptioncam.image;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output files written whole or not at all: to a temporary name in the same folder
 * ({@code .NAME.tmp-PID-N}, hidden, so never taken for a result or an input), then renamed over the target.
 */
public final class AtomicFiles {
	/** Writes a whole file at the path it is given. */
	public interface Writer {
		void write(Path tmp) throws IOException;
	}

	private static final Pattern TEMP = Pattern.compile("^\\..+\\.tmp-(\\d+)-\\d+$");
	private static final AtomicLong COUNTER = new AtomicLong();

	private AtomicFiles() {}

	/** Writes {@code target} through {@code writer} on a temporary name, then renames it into place. */
	public static void write(Path target, Writer writer) throws IOException {
		Path dir = target.toAbsolutePath().getParent();
		Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
		boolean moved = false;
		try {
			writer.write(tmp);
			if (!Files.isRegularFile(tmp)) throw new IOException("nothing was written to " + tmp.getFileName());
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			} catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			moved = true;
		} finally {
			if (!moved) Files.deleteIfExists(tmp);
		}
	}

	/** As {@link #write(Path, Writer)} with the given bytes. */
	public static void write(Path target, byte[] bytes) throws IOException {
		write(target, tmp -> Files.write(tmp, bytes));
	}

	/** True for a temporary name made by {@link #write}. */
	public static boolean isTemporary(Path p) {
		return TEMP.matcher(p.getFileName().toString()).matches();
	}

	/** Deletes the temporary files in {@code dir} left by processes that no longer run (killed mid-write); returns how many. */
	public static int deleteStale(Path dir) throws IOException {
		int n = 0;
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp-*")) {
			for (Path p : ds) {
				Matcher m = TEMP.matcher(p.getFileName().toString());
				if (!m.matches()) continue;
				long pid = Long.parseLong(m.group(1));
				if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
				if (pid == ProcessHandle.current().pid()) continue;
				if (Files.deleteIfExists(p)) n++;
			}
		}
		return n;
	}
}
