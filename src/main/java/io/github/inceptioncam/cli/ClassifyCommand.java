package io.github.inceptioncam.cli;

import ij.ImagePlus;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.ImageInputs;
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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code classify}: top classes and CAM of each input image. Parameters and orchestration only. */
@Command(name = "classify", description = "Classify images and compute the class activation map of the chosen class.")
final class ClassifyCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Mixin
	ModelOptions modelOptions;

	@Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Number of classes to report (default: ${DEFAULT-VALUE}).")
	int top;

	@Option(names = "--class", paramLabel = "auto|INDEX|LABEL", defaultValue = "auto", description = "Class the CAM explains (default: top-1).")
	String classSpec;

	@Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Images per inference run (default: ${DEFAULT-VALUE}).")
	int batch;

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
		try {
			opts = new ClassifyOptions().top(top).classSpec(classSpec);
			choice = modelOptions.engineSettings();
			if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1");
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
		OutputFolder folder = out == null ? null : OutputFolder.open(out);
		boolean failed = false;
		try (CamEngine engine = CamEngine.load(model, choice, line -> stderr.println("info: " + line));
				CamSession session = engine.newSession(batch)) {
			List<ImagePlus> pending = new ArrayList<>();
			List<ImageInput> inputsBatch = new ArrayList<>();
			for (int i = 0; i < files.size(); i++) {
				Path f = files.get(i);
				try {
					ImagePlus imp = ImageFiles.open(f);
					inputsBatch.add(ImageInputs.at(imp, 1, 1, null, f.toString()));
					pending.add(imp);
				} catch (IOException | IllegalArgumentException e) {
					stderr.println("error: " + f + ": " + Main.oneLine(e));
					stderr.flush();
					failed = true;
				}
				if (inputsBatch.size() == session.maxBatch() || (i == files.size() - 1 && !inputsBatch.isEmpty())) {
					failed |= runBatch(session, model, opts, inputsBatch, pending, folder, stdout, stderr);
					inputsBatch.clear();
					pending.clear();
				}
			}
		}
		return failed ? Main.SOME_FAILED : Main.OK;
	}

	/** Classifies one batch and writes its results; returns true when something failed. */
	private boolean runBatch(CamSession session, InceptionModel model, ClassifyOptions opts, List<ImageInput> batchInputs,
			List<ImagePlus> images, OutputFolder folder, PrintWriter stdout, PrintWriter stderr) {
		List<Classification> results;
		try {
			results = session.classify(batchInputs, opts);
		} catch (InferenceException | IllegalArgumentException e) {
			for (ImageInput in : batchInputs) stderr.println("error: " + in.name() + ": " + Main.oneLine(e));
			stderr.flush();
			return true;
		}
		boolean failed = false;
		for (int i = 0; i < results.size(); i++) {
			Classification c = results.get(i);
			if (json) stdout.println(ResultJson.GSON.toJson(ResultJson.of(c, model)));
			else printTable(stdout, c);
			stdout.flush();
			if (folder != null) {
				try {
					folder.write(c, model, images.get(i));
				} catch (IOException e) {
					stderr.println("error: " + c.image() + ": cannot write results to " + out + " (" + Main.oneLine(e) + ")");
					failed = true;
				}
			}
		}
		return failed;
	}

	private static void printTable(PrintWriter w, Classification c) {
		w.printf(Locale.ROOT, "%s  [%dx%d, %s, %.1f ms]%n", c.image(), c.width(), c.height(), c.device(),
			c.preprocessMs() + c.inferenceMs() + c.camMs());
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
