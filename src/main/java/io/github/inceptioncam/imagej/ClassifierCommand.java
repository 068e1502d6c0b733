package io.github.inceptioncam.imagej;

import org.scijava.app.StatusService;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import java.io.File;
import org.scijava.widget.FileWidget;
import org.scijava.widget.NumberWidget;

/**
 * The parameters shared by the commands that classify (their field names are the macro keys) and the
 * {@link ImageClassifier.Settings} they make.
 */
abstract class ClassifierCommand extends CancelableCommand {
	@Parameter(persist = false, label = "Model file (empty: built-in)", required = false, style = FileWidget.OPEN_STYLE,
		description = "An Inception-family ONNX model; leave empty for the built-in demo model")
	File model;

	@Parameter(persist = false, label = "Top classes", min = "1", description = "How many of the most probable classes are listed")
	int top = 5;

	/** Macro key {@code class}: "auto" (top-1), an index, a label, topK, all, or a comma list of these. */
	@Parameter(persist = false, label = "Class for the CAM (auto = top-1)",
		description = "The classes the maps explain: auto (the most probable), an index, a label, top3, all, or a comma list; several classes make a labelled CAM stack")
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

	@Parameter
	StatusService status;

	@Parameter
	LogService log;

	/** Settings from the shared parameters; subclasses add their own. */
	ImageClassifier.Settings settings() {
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.model = model == null ? "" : model.getPath();
		s.top = top;
		s.classSpec = Class;
		s.device = device;
		s.threads = threads;
		s.opacity = opacity;
		s.colormap = colormap;
		s.camImage = cam_image;
		return s;
	}
}
