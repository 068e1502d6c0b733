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

	/** Macro keys of Classify Image... */
	static final String[] CLASSIFY_KEYS = {"model", "top", "class", "device", "threads", "opacity", "colormap", "stack", "cam_image", "roi", "plot", "outline", "legend"};
	/** Macro keys of Batch Classify Folder... */
	static final String[] BATCH_KEYS = {"input", "pattern", "output", "model", "top", "class", "device", "threads", "opacity", "colormap", "cam_image"};
	static final String[] DEVICES = {"auto", "cpu", "gpu"};

	/** Settings of Classify Image... from macro options, warnings to the log. */
	static ImageClassifier.Settings settings(String options) {
		return settings(options, w -> IJ.log(TITLE + ": " + w));
	}

	/**
	 * Settings of Classify Image... from macro options with GenericDialog's semantics (an absent checkbox
	 * is false; other absent keys keep their defaults), warning about unknown keys and out-of-range values.
	 */
	static ImageClassifier.Settings settings(String options, java.util.function.Consumer<String> warn) {
		MacroOptions o = new MacroOptions(options, warn).checkKeys(CLASSIFY_KEYS);
		ImageClassifier.Settings s = shared(o);
		s.allSlices = o.flag("stack");
		s.roi = o.flag("roi");
		s.plot = o.flag("plot");
		s.outline = o.flag("outline");
		s.legend = o.flag("legend");
		return s;
	}

	/** The keys Classify Image... and Batch Classify Folder... share. */
	static ImageClassifier.Settings shared(MacroOptions o) {
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.model = o.string("model", s.model);
		s.top = o.integer("top", s.top, 1, Integer.MAX_VALUE);
		s.classSpec = o.string("class", s.classSpec);
		s.device = o.choice("device", s.device, DEVICES);
		s.threads = o.integer("threads", s.threads, 0, Integer.MAX_VALUE);
		s.opacity = o.number("opacity", s.opacity, 0, 1);
		s.colormap = o.string("colormap", s.colormap);
		s.camImage = o.flag("cam_image");
		return s;
	}

	/** The shared fields of the dialogs, labelled with their macro keys (ImageJ records the label's first word). */
	private static void addShared(GenericDialog gd, ImageClassifier.Settings s) {
		gd.addStringField("model", s.model, 30);
		gd.addToSameRow();
		gd.addMessage("(empty: built-in model)");
		gd.addNumericField("top", s.top, 0, 4, "classes listed");
		gd.addStringField("class", s.classSpec, 12);
		gd.addToSameRow();
		gd.addMessage("(auto = top-1, an index or a label)");
		gd.addChoice("device", DEVICES, s.device);
		gd.addNumericField("threads", s.threads, 0, 4, "(0 = all processors)");
		gd.addSlider("opacity", 0, 1, s.opacity, 0.05);
		gd.addChoice("colormap", CamAnnotator.COLORMAPS, s.colormap);
		gd.addCheckbox("cam_image (the CAM as a 32-bit image)", s.camImage);
	}

	/** Reads back what {@link #addShared} added (GenericDialog records the values while they are read). */
	private static void readShared(GenericDialog gd, ImageClassifier.Settings s) {
		s.model = gd.getNextString();
		s.top = Math.max(1, (int) gd.getNextNumber());
		s.classSpec = gd.getNextString();
		s.device = gd.getNextChoice();
		s.threads = Math.max(0, (int) gd.getNextNumber());
		s.opacity = Math.max(0, Math.min(1, gd.getNextNumber()));
		s.colormap = gd.getNextChoice();
		s.camImage = gd.getNextBoolean();
	}

	private static boolean dialog(ImageClassifier.Settings s) {
		GenericDialog gd = new GenericDialog(TITLE);
		addShared(gd, s);
		gd.addCheckbox("stack (every slice and frame)", s.allSlices);
		gd.addCheckbox("roi (the CAM box as a ROI)", s.roi);
		gd.addCheckbox("plot (the top probabilities)", s.plot);
		gd.addCheckbox("outline (the CAM above the box threshold as a ROI)", s.outline);
		gd.addCheckbox("legend (a calibration bar of the map's scale)", s.legend);
		gd.showDialog();
		if (gd.wasCanceled()) return false;
		readShared(gd, s);
		s.allSlices = gd.getNextBoolean();
		s.roi = gd.getNextBoolean();
		s.plot = gd.getNextBoolean();
		s.outline = gd.getNextBoolean();
		s.legend = gd.getNextBoolean();
		if (gd.invalidNumber()) throw new IllegalArgumentException("a number field does not hold a number");
		return true;
	}

	private static void classify() throws ImageClassifier.Failure {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new ImageClassifier.Failure("no image: open an image first");
		String options = Macro.getOptions();
		ImageClassifier.Settings s = options == null ? new ImageClassifier.Settings() : settings(options);
		if (options == null && !GraphicsEnvironment.isHeadless() && !dialog(s)) return;
		ImageClassifier.Outcome out = new ImageClassifier(s, IJ::showStatus, IJ::log, () -> false).run(imp);
		if (out.camImage != null) out.camImage.show();
		if (out.plot != null) out.plot.show();
		imp.updateAndDraw();
	}

	/** Batch Classify Folder... with the keys of {@link #BATCH_KEYS}. */
	private static void batch() throws ImageClassifier.Failure {
		String options = Macro.getOptions();
		String input, pattern, output;
		ImageClassifier.Settings s;
		if (options == null) {
			if (GraphicsEnvironment.isHeadless()) throw new ImageClassifier.Failure("give input= and output= folders");
			s = new ImageClassifier.Settings();
			GenericDialog gd = new GenericDialog(TITLE + ": batch");
			gd.addDirectoryField("input", "");
			gd.addStringField("pattern", "*.tif");
			gd.addDirectoryField("output", "");
			addShared(gd, s);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			input = gd.getNextString();
			pattern = gd.getNextString();
			output = gd.getNextString();
			readShared(gd, s);
		} else {
			MacroOptions o = new MacroOptions(options, w -> IJ.log(TITLE + ": " + w)).checkKeys(BATCH_KEYS);
			input = o.string("input", "");
			pattern = o.string("pattern", "*.tif");
			output = o.string("output", "");
			s = shared(o);
		}
		FolderClassifier f = new FolderClassifier(s, (i, n) -> IJ.showProgress(i, n), IJ::showStatus, IJ::log, () -> IJ.escapePressed());
		FolderClassifier.Summary sum = f.run(input.isEmpty() ? null : Paths.get(input), pattern, output.isEmpty() ? null : Paths.get(output));
		IJ.log(TITLE + ": " + sum);
		IJ.showStatus(TITLE + ": " + sum);
		if (!GraphicsEnvironment.isHeadless()) sum.table().show(FolderClassifier.SUMMARY_TABLE);
	}

	/** Install GPU Support... with the key from (an onnxruntime_gpu jar; empty: local Maven repository or Maven Central). */
	private static void installGpu() throws Exception {
		String options = Macro.getOptions();
		String from = new MacroOptions(options, w -> IJ.log(TITLE + ": " + w)).checkKeys("from").string("from", "");
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
		String model = new MacroOptions(options, w -> IJ.log(TITLE + ": " + w)).checkKeys("model").string("model", "");
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
