package io.github.inceptioncam.cli;

import ij.measure.Calibration;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.EngineSettings;
import io.github.inceptioncam.inference.OrtRuntime;
import io.github.inceptioncam.inference.ImageInput;
import io.github.inceptioncam.inference.InferenceException;
import io.github.inceptioncam.model.InceptionModel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
		OutputFolder folder;
		try {
			folder = out == null ? null : OutputFolder.open(out);
		} catch (java.io.IOException e) {
			stderr.println("error: " + out + ": cannot write the output folder (" + Main.oneLine(e).replace(out + ": ", "")
				+ "); choose a folder you can write with --out");
			return Main.USAGE_OR_MODEL;
		}
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
				ResultOutput output = new ResultOutput(json, out, model, folder, stdout, stderr, writeThread)) {
			ReadAhead reader = new ReadAhead(files, decodeThreads, 2 * session.maxBatch());
			try {
				List<ReadAhead.Decoded> pending = new ArrayList<>(session.maxBatch());
				for (int i = 0; i < files.size(); i++) {
					ReadAhead.Decoded d = reader.next();
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
	private static void runBatch(CamSession session, ClassifyOptions opts, List<ReadAhead.Decoded> batch, ResultOutput output) throws InterruptedException {
		List<ImageInput> in = new ArrayList<>(batch.size());
		for (ReadAhead.Decoded d : batch) in.add(d.image.input());
		List<Classification> results;
		try {
			results = session.classify(in, opts);
		} catch (InferenceException | IllegalArgumentException e) {
			for (ReadAhead.Decoded d : batch) output.error(d.file + ": " + Main.oneLine(e));
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

}
