package io.github.inceptioncam.cli;

import ij.measure.Calibration;
import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.Prediction;
import io.github.inceptioncam.model.InceptionModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints and writes results and error lines in the order received, on one writer thread (or inline),
 * with at most two batches waiting.
 */
final class ResultOutput implements AutoCloseable {
	private final boolean json;
	private final Path out;
	private final InceptionModel model;
	private final OutputFolder folder;
	private final PrintWriter stdout;
	private final PrintWriter stderr;
	private final ExecutorService writer;
	private final Semaphore slots = new Semaphore(2);
	private final AtomicBoolean failed = new AtomicBoolean();
	private final List<ShardManifest.Failure> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

	/** {@code json}: JSON lines on stdout, else the table; {@code folder}/{@code out}: the --out folder or null. */
	ResultOutput(boolean json, Path out, InceptionModel model, OutputFolder folder, PrintWriter stdout, PrintWriter stderr,
			boolean thread) {
		this.json = json;
		this.out = out;
		this.model = model;
		this.folder = folder;
		this.stdout = stdout;
		this.stderr = stderr;
		this.writer = thread ? Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "inception-cam-write");
			t.setDaemon(true);
			return t;
		}) : null;
	}

	/** An input that could not be classified: its error line, and the input recorded as failed. */
	void error(String image, String reason) throws InterruptedException {
		failures.add(new ShardManifest.Failure(image, reason));
		error(image + ": " + reason);
	}

	void error(String line) throws InterruptedException {
		failed.set(true);
		submit(() -> {
			stderr.println("error: " + line);
			stderr.flush();
		});
	}

	void results(List<Classification> results, List<Calibration> cals) throws InterruptedException {
		results(results, cals, null);
	}

	/** As above, each JSON line with the fields of {@code extras} (same order; null: none) added. */
	void results(List<Classification> results, List<Calibration> cals, List<JsonObject> extras) throws InterruptedException {
		submit(() -> {
			for (int i = 0; i < results.size(); i++) write(results.get(i), cals.get(i), extras == null ? null : extras.get(i));
		});
	}

	/** Tiles mode: one image's summary with its {@code tiles} object, the tile images in the folder. */
	void tiled(io.github.inceptioncam.inference.TileResult r, Calibration cal) throws InterruptedException {
		submit(() -> {
			Classification c = r.summary();
			String line = null;
			if (json || folder != null) {
				com.google.gson.JsonObject o = ResultJson.of(c, model);
				o.add("tiles", TileJson.of(r));
				line = ResultJson.GSON.toJson(o);
			}
			if (json) stdout.println(line);
			else printTiles(stdout, r, model);
			stdout.flush();
			if (folder != null) {
				try {
					folder.writeTiles(r, model, cal, line);
				} catch (IOException | RuntimeException e) {
					stderr.println("error: " + c.image() + ": cannot write results to " + out + " (" + Main.oneLine(e) + ")");
					stderr.flush();
					failed.set(true);
				}
			}
		});
	}

	/** The table of a tiled image: the summary's classes, then the grid of top-1 labels when it is small. */
	static void printTiles(PrintWriter w, io.github.inceptioncam.inference.TileResult r, InceptionModel model) {
		Classification c = r.summary();
		io.github.inceptioncam.cam.TileGrid g = r.grid();
		w.printf(Locale.ROOT, "%s  [%dx%d, %s, %d windows of %dx%d, stride %d,%d, %.1f ms]%n", c.image(), c.width(), c.height(), c.device(),
			g.count(), g.tileWidth(), g.tileHeight(), g.strideX(), g.strideY(), c.preprocessMs() + c.inferenceMs() + c.camMs());
		w.printf(Locale.ROOT, "  %-4s %-6s %-24s %12s%n", "rank", "index", "label", "mean p");
		int rank = 1;
		for (Prediction p : c.top()) w.printf(Locale.ROOT, "  %-4d %-6d %-24s %12.6f%n", rank++, p.index(), p.label(), p.probability());
		if (g.cols() <= 12 && g.rows() <= 40) {
			w.println("  top-1 class per window (rows are y):");
			for (int row = 0; row < g.rows(); row++) {
				StringBuilder b = new StringBuilder("   ");
				for (int col = 0; col < g.cols(); col++) {
					int k = r.assembly().top(row * g.cols() + col);
					b.append(' ').append(String.format(Locale.ROOT, "%-12s", k < 0 ? "-" : model.metadata().label(k)));
				}
				w.println(b.toString().stripTrailing());
			}
		}
		if (r.mapNote() != null) w.println("  no tile CAM: " + r.mapNote());
	}

	private void submit(Runnable task) throws InterruptedException {
		if (writer == null) {
			task.run();
			return;
		}
		slots.acquire();
		writer.execute(() -> {
			try {
				task.run();
			} finally {
				slots.release();
			}
		});
	}

	private void write(Classification c, Calibration cal, JsonObject extra) {
		String line = null;
		if (json || folder != null) {
			JsonObject o = ResultJson.of(c, model);
			if (extra != null) for (java.util.Map.Entry<String, com.google.gson.JsonElement> e : extra.entrySet()) o.add(e.getKey(), e.getValue());
			line = ResultJson.GSON.toJson(o);
		}
		if (json) stdout.println(line);
		else printTable(stdout, c);
		stdout.flush();
		if (folder != null) {
			try {
				folder.write(c, model, cal, line);
			} catch (IOException | RuntimeException e) {
				failures.add(new ShardManifest.Failure(c.image(), "cannot write results (" + Main.oneLine(e) + ")"));
				stderr.println("error: " + c.image() + ": cannot write results to " + out + " (" + Main.oneLine(e) + ")");
				stderr.flush();
				failed.set(true);
			}
		}
	}

	/** Waits until everything handed over is printed and written. */
	void finish() throws InterruptedException {
		if (writer == null) return;
		writer.shutdown();
		while (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
			// keep waiting: a slow disk is no reason to lose results
		}
	}

	boolean failed() {
		return failed.get();
	}

	/** The inputs that failed so far (call after {@link #finish()}). */
	List<ShardManifest.Failure> failures() {
		synchronized (failures) {
			return new java.util.ArrayList<>(failures);
		}
	}

	@Override
	public void close() {
		if (writer != null) writer.shutdown();
	}

static void printTable(PrintWriter w, Classification c) {
	w.printf(Locale.ROOT, "%s  [%dx%d, %s, %.1f ms, decode %.1f ms]%n", c.image(), c.width(), c.height(), c.device(),
		c.preprocessMs() + c.inferenceMs() + c.camMs(), c.decodeMs());
	w.printf(Locale.ROOT, "  %-4s %-6s %-24s %12s %12s%n", "rank", "index", "label", "probability", "logit");
	int r = 1;
	for (Prediction p : c.top()) {
		w.printf(Locale.ROOT, "  %-4d %-6d %-24s %12.6f %12s%n", r++, p.index(), p.label(), p.probability(),
			Double.isNaN(p.logit()) ? "-" : String.format(Locale.ROOT, "%.5f", p.logit()));
	}
	CamResult cam = c.cam();
	if (cam != null) {
		int[] b = cam.box();
		w.printf(Locale.ROOT, "  CAM of '%s': %dx%d feature map, box %s, identity error %.2e%n", cam.label(),
			cam.featureWidth(), cam.featureHeight(),
			b == null ? "none (no positive evidence)" : String.format(Locale.ROOT, "x=%d y=%d w=%d h=%d", b[0], b[1], b[2], b[3]),
			cam.identityError());
	} else {
		w.println("  no CAM: " + c.camError());
	}
}
}
