package io.github.inceptioncam.imagej;

import java.io.File;
import org.scijava.app.StatusService;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.module.MutableModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.widget.Button;
import org.scijava.widget.FileWidget;
import org.scijava.widget.NumberWidget;

/**
 * The parameters shared by the commands that classify (their field names are the macro keys) and the
 * {@link ImageClassifier.Settings} they make. A {@link DynamicCommand} so that the class chooser lists the current
 * model's labels ({@link ClassChoices}); a failure cancels the run with its one-line reason. Values last chosen in a
 * dialog are remembered by {@link RememberedInputs}, never read by a macro ({@code persist = false} everywhere).
 */
abstract class ClassifierCommand extends DynamicCommand {
	@Parameter(persist = false, label = "Model file (empty: built-in)", required = false, style = FileWidget.OPEN_STYLE, callback = "updateClassChoices",
		description = "An Inception-family ONNX model; leave empty for the built-in demo model")
	File model;

	@Parameter(persist = false, label = "Top classes", min = "1", description = "How many of the most probable classes are listed")
	int top = 5;

	/**
	 * Macro key {@code class}: "auto" (top-1), an index, a label, topK, all, or a comma list of these. The dialog offers
	 * top-1, top-3, all and the model's labels ({@link ClassChoices}; top-1 is read as auto, top-3 as top3).
	 */
	@Parameter(persist = false, label = "Class for the CAM", initializer = "updateClassChoices",
		description = "The classes the maps explain: top-1 (the most probable), top-3, all, or one of the model's labels; a macro may also give an index, topK or a comma list; several classes make a labelled CAM stack")
	String Class = "auto";

	@Parameter(persist = false, label = "Device", choices = {"auto", "cpu", "gpu"}, description = "auto uses the GPU when the GPU pack works, else the CPU")
	String device = "auto";

	@Parameter(persist = false, label = "CPU threads (0 = all)", min = "0", description = "ONNX Runtime threads per image; 0 uses every processor")
	int threads = 0;

	@Parameter(persist = false, label = "Overlay opacity", min = "0", max = "1", stepSize = "0.05", style = NumberWidget.SLIDER_STYLE,
		description = "0: invisible, 1: opaque; where the map is zero the image always shows unchanged")
	double opacity = 0.5;

	@Parameter(persist = false, label = "Colormap", description = "The LUT that colours the map", choices = {"Fire", "Ice", "Spectrum", "Grays", "Red", "Green", "Cyan", "Magenta", "Yellow", "3-3-2 RGB", "Red/Green", "viridis", "magma", "inferno", "plasma"})
	String colormap = "Fire";

	@Parameter(persist = false, label = "Also make the CAM a 32-bit image", description = "The raw map at image size, calibration kept")
	boolean cam_image = false;

	@Parameter(label = "Help", callback = "openHelp", required = false, persist = false, description = "Opens the documentation of the Fiji commands in the browser")
	Button help;

	@Parameter
	StatusService status;

	@Parameter
	LogService log;

	/** Settings from the shared parameters; subclasses add their own. */
	ImageClassifier.Settings settings() {
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.model = model == null ? "" : model.getPath();
		s.top = top;
		s.classSpec = ClassChoices.toSpec(Class);
		s.device = device;
		s.threads = threads;
		s.opacity = opacity;
		s.colormap = colormap;
		s.camImage = cam_image;
		return s;
	}

	/** Fills the class chooser from the current model's labels (initializer of the class input, callback of the model). */
	void updateClassChoices() {
		MutableModuleItem<String> item = getInfo().getMutableInput("Class", String.class);
		java.util.List<String> choices = ClassChoices.forModel(model == null ? "" : model.getPath());
		item.setChoices(choices);
		// the chooser shows auto as top-1 and top3 as top-3; a label of another model falls back to top-1
		String shown = ClassChoices.toChoice(Class, choices);
		if (!shown.equals(Class) && !isInputResolved("Class")) Class = shown;
	}

	/** The Help button: the documentation of the commands. */
	void openHelp() {
		Help.open();
	}
}
