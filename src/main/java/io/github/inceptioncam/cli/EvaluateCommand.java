package io.github.inceptioncam.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import ij.ImagePlus;
import io.github.inceptioncam.eval.Annotation;
import io.github.inceptioncam.eval.Evaluation;
import io.github.inceptioncam.eval.LabelsCsv;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.ImageInputs;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.EngineSettings;
import io.github.inceptioncam.inference.OrtRuntime;
import io.github.inceptioncam.inference.InferenceException;
import io.github.inceptioncam.model.InceptionModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evaluate}: accuracy, confusion matrix, pointing game and CAM-box IoU of a model on a folder
 * annotated by labels.csv, through the same inference path as {@code classify}. The CAM scored is
 * the one of the true class.
 */
@Command(name = "evaluate", description = "Score a model on a folder with labels.csv (image,label[,x,y,w,h]).")
final class EvaluateCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Mixin
	ModelOptions modelOptions;

	@Option(names = "--json", description = "One JSON object on stdout.")
	boolean json;

	@Parameters(index = "0", paramLabel = "DIR", description = "Folder with the images and labels.csv.")
	Path dir;

	@Override
	public Integer call() throws Exception {
		PrintWriter stdout = spec.commandLine().getOut(), stderr = spec.commandLine().getErr();
		EngineSettings choice = modelOptions.engineSettings();
		List<Annotation> rows = LabelsCsv.read(dir.resolve("labels.csv"));
		OrtRuntime.warmUpInBackground();
		InceptionModel model = modelOptions.load();
		List<String> labels = model.metadata().labels();
		if (labels.isEmpty()) {
			stderr.println("error: " + model.displayName() + ": the model has no labels to match labels.csv against; give --labels");
			return Main.USAGE_OR_MODEL;
		}
		Evaluation eval = new Evaluation(labels);
		boolean failed = false;
		try (CamEngine engine = CamEngine.load(model, choice, line -> stderr.println("info: " + line));
				CamSession session = engine.newSession(1)) {
			for (Annotation a : rows) {
				Path file = dir.resolve(a.image());
				int truth = model.metadata().indexOf(a.label());
				if (truth < 0) {
					stderr.println("error: " + file + ": label '" + a.label() + "' is not a class of the model " + labels);
					failed = true;
					continue;
				}
				Classification c;
				try {
					ImageFiles.checkWholeSize(file);
					ImagePlus imp = ImageFiles.open(file);
					c = session.classify(ImageInputs.at(imp, 1, 1, null, file.toString()),
						new ClassifyOptions().top(1).classSpec(String.valueOf(truth)));
				} catch (IOException | InferenceException | IllegalArgumentException e) {
					stderr.println("error: " + file + ": " + Main.oneLine(e));
					failed = true;
					continue;
				}
				eval.addClassification(truth, c.top().get(0).index());
				if (a.box() != null) {
					if (c.cam() == null) eval.addMissedLocalisation();
					else eval.addLocalisation(c.cam().upsampled(), c.width(), c.cam().box(), a.box());
				}
			}
			if (json) stdout.println(ResultJson.GSON.toJson(toJson(eval, model, engine.device().name())));
			else printText(stdout, eval, model, engine.device().name());
			stdout.flush();
		}
		return failed ? Main.SOME_FAILED : Main.OK;
	}

	static JsonObject toJson(Evaluation e, InceptionModel model, String device) {
		JsonObject o = new JsonObject();
		o.addProperty("model", model.displayName());
		o.addProperty("model_sha256", model.sha256());
		o.addProperty("device", device);
		o.addProperty("n", e.n());
		o.add("accuracy", ResultJson.num(e.accuracy()));
		o.addProperty("n_boxes", e.boxes());
		o.add("pointing_game", ResultJson.num(e.pointingGame()));
		o.add("box_iou50", ResultJson.num(e.boxIou50()));
		o.add("mean_iou", ResultJson.num(e.meanIou()));
		JsonArray labels = new JsonArray();
		e.labels().forEach(labels::add);
		o.add("labels", labels);
		JsonArray m = new JsonArray();
		for (long[] row : e.confusion()) {
			JsonArray r = new JsonArray();
			for (long v : row) r.add(v);
			m.add(r);
		}
		o.add("confusion", m);
		return o;
	}

	private static void printText(PrintWriter w, Evaluation e, InceptionModel model, String device) {
		w.println("Model:          " + model.displayName() + " (" + device + ")");
		w.printf(Locale.ROOT, "Images:         %d%n", e.n());
		w.printf(Locale.ROOT, "Accuracy:       %.4f%n", e.accuracy());
		w.printf(Locale.ROOT, "Boxes:          %d%n", e.boxes());
		w.printf(Locale.ROOT, "Pointing game:  %.4f%n", e.pointingGame());
		w.printf(Locale.ROOT, "Box IoU >= 0.5: %.4f (mean IoU %.3f)%n", e.boxIou50(), e.meanIou());
		w.println();
		w.println("Confusion matrix (rows: truth, columns: predicted):");
		int width = 8;
		for (String l : e.labels()) width = Math.max(width, l.length() + 1);
		w.printf("%-" + width + "s", "");
		for (String l : e.labels()) w.printf("%" + width + "s", l);
		w.println();
		long[][] c = e.confusion();
		for (int i = 0; i < c.length; i++) {
			w.printf("%-" + width + "s", e.labels().get(i));
			for (long v : c[i]) w.printf("%" + width + "d", v);
			w.println();
		}
	}
}
