package io.github.inceptioncam.imagej;

import org.scijava.app.StatusService;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.widget.NumberWidget;

/**
 * The parameters shared by the commands that classify (their field names are the macro keys) and the
 * {@link ImageClassifier.Settings} they make.
 */
abstract class ClassifierCommand extends CancelableCommand {
	@Parameter(persist = false, label = "Model file (empty: built-in)", required = false)
	String model = "";

	@Parameter(persist = false, label = "Top classes", min = "1")
	int top = 5;

	/** Macro key {@code class}: "auto" (top-1), an index or a label. */
	@Parameter(persist = false, label = "Class for the CAM (auto = top-1)")
	String Class = "auto";

	@Parameter(persist = false, label = "Device", choices = {"auto", "cpu", "gpu"})
	String device = "auto";

	@Parameter(persist = false, label = "CPU threads (0 = all)", min = "0")
	int threads = 0;

	@Parameter(persist = false, label = "Overlay opacity", min = "0", max = "1", stepSize = "0.05", style = NumberWidget.SLIDER_STYLE)
	double opacity = 0.5;

	@Parameter(persist = false, label = "Colormap", choices = {"Fire", "Ice", "Spectrum", "Grays", "Red", "Green", "Cyan", "Magenta", "Yellow", "3-3-2 RGB", "Red/Green", "viridis", "magma", "inferno", "plasma"})
	String colormap = "Fire";

	@Parameter(persist = false, label = "Also make the CAM a 32-bit image")
	boolean cam_image = false;

	@Parameter
	StatusService status;

	@Parameter
	LogService log;

	/** Settings from the shared parameters; subclasses add their own. */
	ImageClassifier.Settings settings() {
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.model = model;
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
