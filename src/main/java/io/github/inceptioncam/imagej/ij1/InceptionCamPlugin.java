package io.github.inceptioncam.imagej.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.inceptioncam.imagej.CamAnnotator;
import io.github.inceptioncam.imagej.ClassChoices;
import io.github.inceptioncam.imagej.Help;
import io.github.inceptioncam.imagej.SettingsStore;
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
 * Errors end a macro with the message ({@link IJ#error}), never with a stack trace; in a batch-mode or
 * headless macro ({@code ImageJ -batch}) they go to the log instead of a modal dialog that would hang it.
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
				case "sample":
					io.github.inceptioncam.demo.SampleField.make().show();
					break;
				default:
					throw new IllegalArgumentException("unknown command '" + arg + "'");
			}
		} catch (Exception e) {
			String msg = e.getMessage() == null ? e.toString() : e.getMessage();
			if (GraphicsEnvironment.isHeadless() && Macro.getOptions() == null) {
				System.err.println(TITLE + ": " + msg);
			}
			Interpreter macro = Interpreter.getInstance();
			if (macro != null && (Interpreter.isBatchMode() || IJ.getInstance() == null || GraphicsEnvironment.isHeadless())) {
				// a batch-mode or headless macro (ImageJ -batch): no modal "Macro Error" that nobody can close.
				// The error goes to the log, and ends the macro with its message as ImageJ's errors do.
				IJ.log(TITLE + ": error: " + msg);
				macro.setIgnoreErrors(true);
			}
			IJ.error(TITLE, msg);
		}
	}

	/** Macro keys of Classify Image... */
	static final String[] CLASSIFY_KEYS = {"model", "top", "class", "device", "threads", "opacity", "colormap", "stack", "cam_image", "roi", "plot", "outline", "legend",
		"channels", "all_channels", "padding", "pad_value", "mask", "rois", "tiles", "stride"};
	static final String[] PADDINGS = {"reflect", "constant"};
	/** Macro keys of Batch Classify Folder... */
	static final String[] BATCH_KEYS = {"input", "pattern", "output", "model", "top", "class", "device", "threads", "opacity", "colormap", "cam_image"};
	static final String[] DEVICES = {"auto", "cpu", "gpu"};
	/** Where the dialogs remember their values (ImageJ's preferences, read for dialogs only). */
	static final SettingsStore CLASSIFY_STORE = new SettingsStore("ij1.classify"), BATCH_STORE = new SettingsStore("ij1.batch"),
		INFO_STORE = new SettingsStore("ij1.info"), INSTALL_STORE = new SettingsStore("ij1.install");

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
		s.channels = o.string("channels", s.channels);
		s.allChannels = o.flag("all_channels");
		s.padding = o.choice("padding", s.padding, PADDINGS);
		s.padValue = o.number("pad_value", s.padValue, -Double.MAX_VALUE, Double.MAX_VALUE);
		s.mask = o.flag("mask");
		s.rois = o.flag("rois");
		s.tiles = o.flag("tiles");
		s.stride = o.integer("stride", s.stride, 0, Integer.MAX_VALUE);
		return s;
	}

	/** The keys Classify Image... and Batch Classify Folder... share. */
	static ImageClassifier.Settings shared(MacroOptions o) {
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.model = o.string("model", s.model);
		s.top = o.integer("top", s.top, 1, Integer.MAX_VALUE);
		s.classSpec = ClassChoices.toSpec(o.string("class", s.classSpec));
		s.device = o.choice("device", s.device, DEVICES);
		s.threads = o.integer("threads", s.threads, 0, Integer.MAX_VALUE);
		s.opacity = o.number("opacity", s.opacity, 0, 1);
		s.colormap = o.string("colormap", s.colormap);
		s.camImage = o.flag("cam_image");
		return s;
	}

	/**
	 * The shared fields of the dialogs, labelled with their macro keys (ImageJ records the label's first word). The
	 * class chooser lists top-1, top-3, all and the labels of the model in the model field, refilled when it changes.
	 */
	private static void addShared(GenericDialog gd, ImageClassifier.Settings s) {
		int modelField = gd.getStringFields() == null ? 0 : gd.getStringFields().size();
		int classChoice = gd.getChoices() == null ? 0 : gd.getChoices().size();
		gd.addFileField("model", s.model, 30);
		gd.addMessage("(model: empty for the built-in model)");
		gd.addNumericField("top", s.top, 0, 4, "classes listed");
		java.util.List<String> classes = ClassChoices.forModel(s.model);
		gd.addChoice("class", classes.toArray(new String[0]), ClassChoices.toChoice(s.classSpec, classes));
		gd.addChoice("device", DEVICES, s.device);
		gd.addNumericField("threads", s.threads, 0, 4, "(0 = all processors)");
		gd.addSlider("opacity", 0, 1, s.opacity, 0.05);
		gd.addChoice("colormap", CamAnnotator.COLORMAPS, s.colormap);
		gd.addCheckbox("cam_image (the CAM as a 32-bit image)", s.camImage);
		gd.addHelp(Help.URL);
		if (!GraphicsEnvironment.isHeadless()) {
			java.awt.TextField field = (java.awt.TextField) gd.getStringFields().get(modelField);
			field.addTextListener(new ClassChooserRefill(field, (java.awt.Choice) gd.getChoices().get(classChoice)));
		}
	}

	/**
	 * Refills the class chooser with the labels of the model typed or browsed into the model field. An AWT listener on
	 * the field, not a GenericDialog DialogListener: ImageJ records a dialog with a DialogListener through that listener.
	 */
	static final class ClassChooserRefill implements java.awt.event.TextListener {
		private final java.awt.TextField field;
		private final java.awt.Choice c;
		private String model;

		ClassChooserRefill(java.awt.TextField field, java.awt.Choice c) {
			this.field = field;
			this.c = c;
			this.model = field.getText();
		}

		@Override
		public void textValueChanged(java.awt.event.TextEvent e) {
			String now = field.getText();
			if (now.equals(model)) return;
			model = now;
			// the labels are read off the event thread (a model loads in about a second); the chooser is refilled on
			// it, unless the field changed again meanwhile
			Thread t = new Thread(() -> {
				java.util.List<String> classes = ClassChoices.forModel(now);
				java.awt.EventQueue.invokeLater(() -> {
					if (!now.equals(field.getText())) return;
					String selected = c.getSelectedItem();
					c.removeAll();
					for (String l : classes) c.add(l);
					c.select(classes.contains(selected) ? selected : ClassChoices.TOP1);
				});
			}, "Inception CAM class chooser");
			t.setDaemon(true);
			t.start();
		}
	}

	/** Reads back what {@link #addShared} added (GenericDialog records the values while they are read). */
	private static void readShared(GenericDialog gd, ImageClassifier.Settings s) {
		s.model = gd.getNextString();
		s.top = Math.max(1, (int) gd.getNextNumber());
		s.classSpec = ClassChoices.toSpec(gd.getNextChoice());
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
		gd.addStringField("channels", s.channels, 10);
		gd.addMessage("(channels: auto, or the image channel per model channel, e.g. 2,1,1)");
		gd.addCheckbox("all_channels (overlays on every channel)", s.allChannels);
		gd.addChoice("padding", PADDINGS, s.padding);
		gd.addNumericField("pad_value", s.padValue, 2, 8, "(constant padding and masked area)");
		gd.addCheckbox("mask (outside a non-rectangular selection)", s.mask);
		gd.addCheckbox("rois (every ROI of the ROI Manager)", s.rois);
		gd.addCheckbox("tiles (windows at native scale: a class map)", s.tiles);
		gd.addNumericField("stride", s.stride, 0, 6, "pixels between windows (0 = half a tile)");
		gd.showDialog();
		if (gd.wasCanceled()) return false;
		readShared(gd, s);
		s.allSlices = gd.getNextBoolean();
		s.roi = gd.getNextBoolean();
		s.plot = gd.getNextBoolean();
		s.outline = gd.getNextBoolean();
		s.legend = gd.getNextBoolean();
		s.channels = gd.getNextString();
		s.allChannels = gd.getNextBoolean();
		s.padding = gd.getNextChoice();
		s.padValue = gd.getNextNumber();
		s.mask = gd.getNextBoolean();
		s.rois = gd.getNextBoolean();
		s.tiles = gd.getNextBoolean();
		s.stride = Math.max(0, (int) gd.getNextNumber());
		if (gd.invalidNumber()) throw new IllegalArgumentException("a number field does not hold a number");
		return true;
	}

	private static void classify() throws ImageClassifier.Failure {
		ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new ImageClassifier.Failure("no image: open an image first");
		String options = Macro.getOptions();
		boolean dialog = options == null && !GraphicsEnvironment.isHeadless();
		// the dialog starts from the values last chosen in it; a macro never sees them (absent keys: defaults)
		ImageClassifier.Settings s = dialog ? CLASSIFY_STORE.load(new ImageClassifier.Settings()) : options == null ? new ImageClassifier.Settings() : settings(options);
		if (dialog) {
			if (!dialog(s)) return;
			CLASSIFY_STORE.save(s);
		}
		ImageClassifier.Outcome out = new ImageClassifier(s, IJ::showStatus, IJ::log, s.tiles ? IJ::escapePressed : () -> false).run(imp);
		if (out.camImage != null) out.camImage.show();
		if (out.tileImage != null) out.tileImage.show();
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
			s = BATCH_STORE.load(new ImageClassifier.Settings());
			GenericDialog gd = new GenericDialog(TITLE + ": batch");
			gd.addDirectoryField("input", BATCH_STORE.get("input", ""));
			gd.addStringField("pattern", BATCH_STORE.get("pattern", "*.tif"));
			gd.addDirectoryField("output", BATCH_STORE.get("output", ""));
			addShared(gd, s);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			input = gd.getNextString();
			pattern = gd.getNextString();
			output = gd.getNextString();
			readShared(gd, s);
			BATCH_STORE.save(s);
			BATCH_STORE.set("input", input);
			BATCH_STORE.set("pattern", pattern);
			BATCH_STORE.set("output", output);
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
			gd.addFileField("from", INSTALL_STORE.get("from", from));
			gd.addHelp(Help.URL);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			from = gd.getNextString();
			INSTALL_STORE.set("from", from);
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
			gd.addFileField("model", INFO_STORE.get("model", model));
			gd.addMessage("(empty for the built-in model)");
			gd.addHelp(Help.URL);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			model = gd.getNextString();
			INFO_STORE.set("model", model);
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
