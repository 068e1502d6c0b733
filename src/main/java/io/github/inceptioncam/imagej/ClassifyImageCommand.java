package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.measure.ResultsTable;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.NumberWidget;

/**
 * Plugins > Inception CAM > Classify Image...: top classes and CAM overlay of the current image (or of
 * every slice), with results table, box ROIs and provenance. Parameters and orchestration only; the
 * work is done by {@link ImageClassifier}. Field names are the macro keys.
 */
@Plugin(type = Command.class, headless = true, menuPath = ClassifyImageCommand.MENU)
public class ClassifyImageCommand extends CancelableCommand {
	public static final String MENU = "Plugins>Inception CAM>Classify Image...";

	@Parameter(persist = false)
	ImagePlus imp;

	@Parameter(persist = false, label = "Model file (empty: built-in)", required = false)
	String model = "";

	@Parameter(persist = false, label = "Top classes", min = "1")
	int top = 5;

	/** Macro key {@code class}: "auto" (top-1), an index or a label. */
	@Parameter(persist = false, label = "Class for the CAM (auto = top-1)")
	String Class = "auto";

	@Parameter(persist = false, label = "Device", choices = {"auto", "cpu", "gpu"})
	String device = "auto";

	@Parameter(persist = false, label = "Overlay opacity", min = "0", max = "1", stepSize = "0.05", style = NumberWidget.SLIDER_STYLE)
	double opacity = 0.5;

	@Parameter(persist = false, label = "Colormap", choices = {"Fire", "Ice", "Spectrum", "Grays", "Red", "Green", "Cyan", "Magenta", "Yellow", "3-3-2 RGB", "Red/Green"})
	String colormap = "Fire";

	@Parameter(persist = false, label = "Every slice of the stack")
	boolean stack = false;

	@Parameter(persist = false, label = "Also output the CAM as an image")
	boolean cam_image = false;

	@Parameter(persist = false, label = "Add the CAM box as a ROI")
	boolean roi = true;

	@Parameter(persist = false, label = "Plot the top probabilities")
	boolean plot = false;

	@Parameter(type = ItemIO.OUTPUT)
	ResultsTable table;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	ImagePlus camimage;

	@Parameter
	StatusService status;

	@Parameter
	LogService log;


	@Override
	public void run() {
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.model = model;
		s.top = top;
		s.classSpec = Class;
		s.device = device;
		s.opacity = opacity;
		s.colormap = colormap;
		s.allSlices = stack;
		s.camImage = cam_image;
		s.roi = roi;
		s.plot = plot;
		try {
			ImageClassifier.Outcome out = new ImageClassifier(s, status::showStatus, log::info, this::isCanceled).run(imp);
			table = out.table;
			camimage = out.camImage;
			if (out.plot != null) out.plot.show();
		} catch (ImageClassifier.Failure e) {
			log.error("Inception CAM: " + e.getMessage());
			cancel(e.getMessage());
		}
	}


	/** Overlay of the image, created if needed (used by tests and the adapter). */
	static Overlay overlayOf(ImagePlus imp) {
		Overlay o = imp.getOverlay();
		if (o == null) {
			o = new Overlay();
			imp.setOverlay(o);
		}
		return o;
	}
}
