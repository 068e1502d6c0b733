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
		submit(() -> {
			for (int i = 0; i < results.size(); i++) write(results.get(i), cals.get(i));
		});
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

	private void write(Classification c, Calibration cal) {
		String line = json || folder != null ? ResultJson.GSON.toJson(ResultJson.of(c, model)) : null;
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
