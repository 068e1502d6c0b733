package io.github.inceptioncam.imagej.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.inceptioncam.imagej.CamAnnotator;
import io.github.inceptioncam.imagej.FolderClassifier;
import io.github.inceptioncam.imagej.ImageClassifier;
import io.github.inceptioncam.imagej.ModelInfoCommand;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelCost;
import io.github.inceptioncam.model.ModelException;
import java.nio.file.Paths;
import io.github.inceptioncam.imagej.InstallGpuCommand;
import io.github.inceptioncam.inference.GpuPack;
import io.github.inceptioncam.inference.GpuPackInstaller;
import io.github.inceptioncam.inference.GpuReport;
import java.awt.GraphicsEnvironment;

/**
 * The ImageJ 1.x face of the commands, registered by {@code plugins.config} under the same menu labels
 * as the SciJava commands (Fiji maps those labels to the SciJava commands, so no second entry appears
 * there). In plain ImageJ 1.x it reads the same macro keys, or asks with a dialog when no macro runs.
 * Errors end a macro with the message ({@link IJ#error}), never with a stack trace.
 */
public class InceptionCamPlugin implements PlugIn {
	static final String TITLE = "Inception CAM";

	@Override
	public void run(String arg) {
		try {
			if (FijiBridge.runInFiji(arg)) return;
			switch (arg == null ? "" : arg) {
				case "classify":
					classify();
					break;
				case "batch":
					batch();
					break;
				case "info":
					info();
					break;
				case "gpu":
					for (String line : GpuReport.lines()) IJ.log(TITLE + ": " + line);
					break;
				case "install":
					installGpu();
					break;
				default:
					throw new IllegalArgumentException("unknown command '" + arg + "'");
			}
		} catch (Exception e) {
			String msg = e.getMessage() == null ? e.toString() : e.getMessage();
			if (GraphicsEnvironment.isHeadless() && Macro.getOptions() == null) {
				System.err.println(TITLE + ": " + msg);
			}
			IJ.error(TITLE, msg);
		}
	}

	/** Settings from the macro options, or from a dialog when no macro is running. */
	static ImageClassifier.Settings settings(String options) {
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		if (options == null) return s;
		MacroOptions o = new MacroOptions(options);
		s.model = o.string("model", s.model);
		s.top = o.integer("top", s.top);
		s.classSpec = o.string("class", s.classSpec);
		s.device = o.string("device", s.device);
		s.threads = o.integer("threads", s.threads);
		s.opacity = o.number("opacity", s.opacity);
		s.colormap = o.string("colormap", s.colormap);
		s.allSlices = o.bool("stack", s.allSlices);
		s.camImage = o.bool("cam_image", s.camImage);
		s.roi = o.bool("roi", s.roi);
		s.plot = o.bool("plot", s.plot);
		return s;
	}

	private static boolean dialog(ImageClassifier.Settings s) {
		GenericDialog gd = new GenericDialog(TITLE);
		gd.addStringField("model", s.model, 30);
		gd.addNumericField("top", s.top, 0);
		gd.addStringField("class", s.classSpec, 12);
		gd.addChoice("device", new String[] {"auto", "cpu", "gpu"}, s.device);
		gd.addNumericField("threads", s.threads, 0, 3, "(0 = all processors)");
		gd.addSlider("opacity", 0, 1, s.opacity, 0.05);
		gd.addChoice("colormap", CamAnnotator.COLORMAPS, s.colormap);
		gd.addCheckbox("stack", s.allSlices);
		gd.addCheckbox("cam_image", s.camImage);
		gd.addCheckbox("roi", s.roi);
		gd.addCheckbox("plot", s.plot);
		gd.showDialog();
		if (gd.wasCanceled()) return false;
		s.model = gd.getNextString();
		s.top = (int) gd.getNextNumber();
		s.classSpec = gd.getNextString();
		s.device = gd.getNextChoice();
		s.threads = Math.max(0, (int) gd.getNextNumber());
		s.opacity = gd.getNextNumber();
		s.colormap = gd.getNextChoice();
		s.allSlices = gd.getNextBoolean();
		s.camImage = gd.getNextBoolean();
		s.roi = gd.getNextBoolean();
		s.plot = gd.getNextBoolean();
		return true;
	}

	private static void classify() throws ImageClassifier.Failure {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new ImageClassifier.Failure("no image: open an image first");
		String options = Macro.getOptions();
		ImageClassifier.Settings s = settings(options);
		if (options == null && !GraphicsEnvironment.isHeadless() && !dialog(s)) return;
		ImageClassifier.Outcome out = new ImageClassifier(s, IJ::showStatus, IJ::log, () -> false).run(imp);
		if (out.camImage != null) out.camImage.show();
		if (out.plot != null) out.plot.show();
		imp.updateAndDraw();
		ResultsTable rt = out.table;
		if (!GraphicsEnvironment.isHeadless()) rt.show(CamAnnotator.TABLE);
	}

	/** Batch Classify Folder... with the keys input, pattern, output, model, top, class, device, opacity, colormap, cam_image. */
	private static void batch() throws ImageClassifier.Failure {
		String options = Macro.getOptions();
		MacroOptions o = new MacroOptions(options);
		String input = o.string("input", ""), pattern = o.string("pattern", "*.tif"), output = o.string("output", "");
		if (options == null) {
			if (GraphicsEnvironment.isHeadless()) throw new ImageClassifier.Failure("give input= and output= folders");
			GenericDialog gd = new GenericDialog(TITLE + ": batch");
			gd.addDirectoryField("input", input);
			gd.addStringField("pattern", pattern);
			gd.addDirectoryField("output", output);
			gd.addStringField("model", "", 30);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			input = gd.getNextString();
			pattern = gd.getNextString();
			output = gd.getNextString();
			options = "model=[" + gd.getNextString() + "]";
		}
		ImageClassifier.Settings s = settings(options);
		FolderClassifier f = new FolderClassifier(s, (i, n) -> IJ.showProgress(i, n), IJ::showStatus, IJ::log, () -> IJ.escapePressed());
		FolderClassifier.Summary sum = f.run(input.isEmpty() ? null : Paths.get(input), pattern, output.isEmpty() ? null : Paths.get(output));
		IJ.log(TITLE + ": " + sum);
	}

	/** Install GPU Support... with the key from (an onnxruntime_gpu jar; empty: local Maven repository or Maven Central). */
	private static void installGpu() throws Exception {
		String options = Macro.getOptions();
		String from = new MacroOptions(options).string("from", "");
		boolean dialog = options == null && !GraphicsEnvironment.isHeadless();
		if (dialog) {
			GenericDialog gd = new GenericDialog(TITLE + ": install GPU support");
			gd.addMessage("Installs ONNX Runtime's CUDA build (" + GpuPack.GPU_ARTIFACT + " " + GpuPack.runtimeVersion() + ", Linux x64 and Windows x64)\n"
				+ "into " + GpuPack.defaultHome() + ". Leave the jar empty to take it from the local Maven\n"
				+ "repository or download it from Maven Central (about 640 MB).");
			gd.addFileField("from", from);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			from = gd.getNextString();
		}
		GpuPackInstaller installer = GpuPackInstaller.forUser(new GpuPackInstaller.Progress() {
			private long last = -1;

			@Override
			public void update(String message, long done, long total) {
				long percent = total > 0 ? done * 100 / total : -1;
				if (percent == last) return;
				last = percent;
				IJ.showStatus(message);
				if (total > 0) IJ.showProgress(done / (double) total);
			}
		}, IJ::escapePressed);
		GpuPack.Info info;
		try {
			info = installer.install(from.isBlank() ? null : Paths.get(from.trim()));
		} finally {
			IJ.showProgress(1.0);
		}
		String msg = info.summary(GpuPack.forUser().folder()) + ". " + InstallGpuCommand.RESTART.replace("Fiji", "ImageJ");
		IJ.log(TITLE + ": " + msg);
		if (dialog) IJ.showMessage(TITLE, msg);
	}

	/** Model Info... with the key model. */
	private static void info() throws ImageClassifier.Failure {
		String options = Macro.getOptions();
		String model = new MacroOptions(options).string("model", "");
		if (options == null && !GraphicsEnvironment.isHeadless()) {
			GenericDialog gd = new GenericDialog(TITLE + ": model info");
			gd.addFileField("model", model);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			model = gd.getNextString();
		}
		try {
			InceptionModel m = InceptionModel.load(model.isBlank() ? null : Paths.get(model.trim()), null);
			ResultsTable rt = ModelInfoCommand.table(m, ModelCost.analyse(m));
			if (!GraphicsEnvironment.isHeadless()) rt.show(ModelInfoCommand.TABLE);
			else for (int i = 0; i < rt.size(); i++) IJ.log(TITLE + ": " + rt.getStringValue("item", i) + ": " + rt.getStringValue("value", i));
		} catch (ModelException e) {
			throw new ImageClassifier.Failure(e.getMessage());
		}
	}

}
