package io.github.inceptioncam.cli;

import io.github.inceptioncam.image.DecodedImage;
import io.github.inceptioncam.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decodes the input files in order, a bounded number of files ahead of the inference, on its own
 * threads (or on the caller's thread when asked for none).
 */
final class ReadAhead {
	private final List<Path> files;
	private final ExecutorService pool;
	private final ArrayDeque<Future<Decoded>> queued = new ArrayDeque<>();
	private final int ahead;
	private int submitted;

	ReadAhead(List<Path> files, int threads, int ahead) {
		this.files = files;
		this.ahead = Math.max(1, ahead);
		this.pool = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "inception-cam-decode");
			t.setDaemon(true);
			return t;
		});
		topUp();
	}

	private void topUp() {
		if (pool == null) return;
		while (queued.size() < ahead && submitted < files.size()) {
			Path f = files.get(submitted++);
			queued.add(pool.submit(() -> Decoded.read(f)));
		}
	}

	Decoded next() throws InterruptedException {
		if (pool == null) return Decoded.read(files.get(submitted++));
		Future<Decoded> f = queued.poll();
		topUp();
		try {
			return f.get();
		} catch (ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		}
	}

	void close() {
		if (pool != null) pool.shutdownNow();
	}

	/** One input file, decoded or with the reason it could not be. */
	static final class Decoded {
		final Path file;
		final DecodedImage image;
		final String error;

		Decoded(Path file, DecodedImage image, String error) {
			this.file = file;
			this.image = image;
			this.error = error;
		}

		static Decoded read(Path f) {
			try {
				return new Decoded(f, ImageFiles.read(f, f.toString()), null);
			} catch (IOException | RuntimeException e) {
				// the line gets the file's name in front: drop it where the message starts with it already
				String why = Main.oneLine(e), prefix = f + ": ";
				return new Decoded(f, null, why.startsWith(prefix) ? why.substring(prefix.length()) : why);
			} catch (OutOfMemoryError e) {
				return new Decoded(f, null, "not enough memory to decode it; give Java more memory (-Xmx) or classify it in tiles (--tiles)");
			}
		}
	}
}
