package io.github.inceptioncam.cli;

import ij.measure.Calibration;
import io.github.inceptioncam.image.DecodedImage;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.EngineSettings;
import io.github.inceptioncam.inference.OrtRuntime;
import io.github.inceptioncam.inference.ImageInput;
import io.github.inceptioncam.inference.InferenceException;
import io.github.inceptioncam.inference.Prediction;
import io.github.inceptioncam.model.InceptionModel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code classify}: top classes and CAM of each input image. Files are read and decoded on a decoder
 * thread, a few batches ahead of the inference on this thread; results are printed and written on a
 * writer thread, in input order. At most a few batches of images are held at any time.
 */
@Command(name = "classify", description = "Classify images and compute the class activation map of the chosen class.")
final class ClassifyCommand implements Callable<Integer> {
	/** Batch size of {@code --batch auto} when there are several images. */
	static final int AUTO_BATCH = 8;

	@Spec
	CommandSpec spec;

	@Mixin
	ModelOptions modelOptions;

	@Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Number of classes to report (default: ${DEFAULT-VALUE}).")
	int top;

	@Option(names = "--class", paramLabel = "auto|INDEX|LABEL|topK|all|LIST", defaultValue = "auto",
		description = "Classes the maps explain: auto (top-1), an index, a label, topK (e.g. top3), all, or a comma list (default: auto).")
	String classSpec;

	@Option(names = "--batch", paramLabel = "auto|N", defaultValue = "auto",
		description = "Images per inference run; auto is " + AUTO_BATCH + " for several images, 1 for one (default: ${DEFAULT-VALUE}).")
	String batchSpec;

	@Option(names = "--decode-threads", paramLabel = "N", defaultValue = "1", hidden = true,
		description = "Threads reading images ahead of the inference; 0 reads them on the inference thread.")
	int decodeThreads;

	@Option(names = "--write-thread", paramLabel = "true|false", defaultValue = "true", arity = "1", hidden = true,
		description = "Print and write results on their own thread.")
	boolean writeThread;

	@Option(names = "--out", paramLabel = "DIR", description = "Also write results.csv, one JSON file and one 32-bit CAM TIFF per image here.")
	Path out;

	@Option(names = "--json", description = "One JSON object per image per line on stdout.")
	boolean json;

	@Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files or folders.")
	List<Path> inputs;

	@Override
	public Integer call() throws Exception {
		PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
		ClassifyOptions opts;
		EngineSettings choice;
		int requested;
		try {
			opts = new ClassifyOptions().top(top).classSpec(classSpec);
			choice = modelOptions.engineSettings();
			requested = parseBatch(batchSpec);
			if (decodeThreads < 0) throw new IllegalArgumentException("--decode-threads must be 0 or more");
		} catch (IllegalArgumentException e) {
			stderr.println("error: " + e.getMessage());
			return Main.USAGE_OR_MODEL;
		}
		OrtRuntime.warmUpInBackground();
		InceptionModel model = modelOptions.load();
		if (json || out != null) model.prefetchSha256(); // shown in every JSON line: hash while the session opens
		CliSupport.checkClassSpec(model, classSpec);
		List<Path> files = ImageFiles.expand(inputs);
		if (files.isEmpty()) {
			stderr.println("error: no image files in " + inputs + "; give image files or folders with .tif/.png/.jpg files");
			return Main.USAGE_OR_MODEL;
		}
		int batch = requested > 0 ? requested : Math.min(AUTO_BATCH, files.size());
		OutputFolder folder = out == null ? null : OutputFolder.open(out);
		// ImageJ prints its own messages about files it cannot open on System.out, in the middle of the
		// JSON lines; each such file already gets its one "error:" line, so those messages are dropped
		PrintStream systemOut = System.out;
		System.setOut(new PrintStream(OutputStream.nullOutputStream()));
		try {
			return classify(files, batch, model, choice, opts, folder, stdout, stderr);
		} finally {
			System.setOut(systemOut);
		}
	}

	private int classify(List<Path> files, int batch, InceptionModel model, EngineSettings choice, ClassifyOptions opts,
			OutputFolder folder, PrintWriter stdout, PrintWriter stderr) throws Exception {
		try (CamEngine engine = CamEngine.load(model, choice, line -> stderr.println("info: " + line));
				CamSession session = engine.newSession(batch);
				Output output = new Output(model, folder, stdout, stderr, writeThread)) {
			Reader reader = new Reader(files, decodeThreads, 2 * session.maxBatch());
			try {
				List<Decoded> pending = new ArrayList<>(session.maxBatch());
				for (int i = 0; i < files.size(); i++) {
					Decoded d = reader.next();
					if (d.error != null) {
						output.error(d.file + ": " + d.error);
					} else {
						pending.add(d);
						if (pending.size() == session.maxBatch()) runBatch(session, opts, pending, output);
					}
				}
				if (!pending.isEmpty()) runBatch(session, opts, pending, output);
			} finally {
				reader.close();
			}
			output.finish();
			return output.failed() ? Main.SOME_FAILED : Main.OK;
		}
	}

	/** "auto" is 0; otherwise a positive count. */
	static int parseBatch(String spec) {
		if (spec == null || spec.equalsIgnoreCase("auto")) return 0;
		int n;
		try {
			n = Integer.parseInt(spec.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("--batch must be auto or a number, not '" + spec + "'");
		}
		if (n < 1) throw new IllegalArgumentException("--batch must be at least 1");
		return n;
	}

	/** Classifies one batch (then clears it) and hands its results to the output. */
	private static void runBatch(CamSession session, ClassifyOptions opts, List<Decoded> batch, Output output) throws InterruptedException {
		List<ImageInput> in = new ArrayList<>(batch.size());
		for (Decoded d : batch) in.add(d.image.input());
		List<Classification> results;
		try {
			results = session.classify(in, opts);
		} catch (InferenceException | IllegalArgumentException e) {
			for (Decoded d : batch) output.error(d.file + ": " + Main.oneLine(e));
			batch.clear();
			return;
		}
		List<Classification> timed = new ArrayList<>(results.size());
		List<Calibration> cals = new ArrayList<>(results.size());
		for (int i = 0; i < results.size(); i++) {
			timed.add(results.get(i).withDecodeMs(batch.get(i).image.decodeMs()));
			cals.add(batch.get(i).image.calibration());
		}
		batch.clear();
		output.results(timed, cals);
	}

	/** One input file, decoded or with the reason it could not be. */
	private static final class Decoded {
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
				return new Decoded(f, null, Main.oneLine(e));
			}
		}
	}

	/**
	 * Decodes the files in order, up to {@code ahead} files ahead of the consumer, on {@code threads}
	 * threads (none: on the caller's thread when asked).
	 */
	private static final class Reader {
		private final List<Path> files;
		private final ExecutorService pool;
		private final ArrayDeque<Future<Decoded>> queued = new ArrayDeque<>();
		private final int ahead;
		private int submitted;

		Reader(List<Path> files, int threads, int ahead) {
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
	}

	/**
	 * Prints and writes results and error lines in the order received, on one writer thread (or inline),
	 * with at most two batches waiting.
	 */
	private final class Output implements AutoCloseable {
		private final InceptionModel model;
		private final OutputFolder folder;
		private final PrintWriter stdout;
		private final PrintWriter stderr;
		private final ExecutorService writer;
		private final Semaphore slots = new Semaphore(2);
		private final AtomicBoolean failed = new AtomicBoolean();

		Output(InceptionModel model, OutputFolder folder, PrintWriter stdout, PrintWriter stderr, boolean thread) {
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

		@Override
		public void close() {
			if (writer != null) writer.shutdown();
		}
	}

	private static void printTable(PrintWriter w, Classification c) {
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
