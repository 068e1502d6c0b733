package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Inception CAM > Classify Image...: top classes and CAM overlay of the current image (or of
 * every slice), with results table, box ROIs and provenance. Parameters and orchestration only; the
 * work is done by {@link ImageClassifier}. Field names are the macro keys (shared ones in
 * {@link ClassifierCommand}).
 */
@Plugin(type = Command.class, headless = true, menuPath = ClassifyImageCommand.MENU)
public class ClassifyImageCommand extends ClassifierCommand {
	public static final String MENU = "Plugins>Inception CAM>Classify Image...";

	@Parameter(persist = false, description = "The image to classify (the current one)")
	ImagePlus imp;

	@Parameter(persist = false, label = "Every slice of the stack", description = "Classify every slice and frame, not only the current one")
	boolean stack = false;

	/** False by default, like every flag: an absent key is false when a macro runs (ImageJ's semantics), so a recorded macro replays the same. */
	@Parameter(persist = false, label = "Add the CAM box as a ROI", description = "A rectangle named like mitosis 0.97 in the overlay")
	boolean roi = false;

	@Parameter(persist = false, label = "Plot the top probabilities", description = "A bar plot of the listed classes")
	boolean plot = false;

	@Parameter(persist = false, label = "Outline the CAM as a ROI (ROI Manager; overlay in batch mode)", description = "The map above the box threshold as an outline ROI")
	boolean outline = false;

	@Parameter(persist = false, label = "Calibration bar of the map's scale", description = "A colour bar with the raw CAM values at 0 and at the maximum, in the overlay")
	boolean legend = false;

	@Parameter(persist = false, label = "Image channels per model channel", required = false,
		description = "auto (same count: in order; a one-channel model: the current channel; one image channel: repeated) or a list like 2,1,1 (counted from 1)")
	String channels = "auto";

	@Parameter(persist = false, label = "Overlays on every channel", description = "Otherwise the CAM and box are placed on the channels the model used")
	boolean all_channels = false;

	@Parameter(persist = false, label = "Padding of a small selection", choices = {"reflect", "constant"},
		description = "A selection is classified at its own scale, centred in the model input; around it: mirrored image or a constant")
	String padding = "reflect";

	@Parameter(persist = false, label = "Padding constant", description = "The value of constant padding and of the masked area")
	double pad_value = 0;

	@Parameter(persist = false, label = "Mask outside a non-rectangular selection", description = "Pixels outside an oval or polygon take the padding constant")
	boolean mask = false;

	@Parameter(persist = false, label = "Every ROI of the ROI Manager", description = "Each area ROI classified as a selection: one result each, named as in the manager")
	boolean rois = false;

	@Parameter(persist = false, label = "Tiles: classify windows at native scale (large images)",
		description = "Windows of the model's input size every stride pixels: a class map with a legend, a blended CAM and a table of windows")
	boolean tiles = false;

	@Parameter(persist = false, label = "Tile stride in pixels (0 = half a tile)", min = "0", description = "Pixels between windows in tiles mode")
	int stride = 0;

	@Parameter(type = ItemIO.OUTPUT)
	ResultsTable table;

	@Parameter(type = ItemIO.OUTPUT, required = false)
	ImagePlus camimage;

	/** Tiles mode: the class probabilities at window resolution. */
	@Parameter(type = ItemIO.OUTPUT, required = false)
	ImagePlus tilemap;

	@Override
	public void run() {
		ImageClassifier.Settings s = settings();
		s.allSlices = stack;
		s.roi = roi;
		s.plot = plot;
		s.outline = outline;
		s.legend = legend;
		s.channels = channels == null ? "auto" : channels;
		s.allChannels = all_channels;
		s.padding = padding;
		s.padValue = pad_value;
		s.mask = mask;
		s.rois = rois;
		s.tiles = tiles;
		s.stride = stride;
		try {
			ImageClassifier.Outcome out = new ImageClassifier(s, status::showStatus, log::info,
				() -> isCanceled() || (tiles && ij.IJ.escapePressed())).run(imp);
			table = out.table;
			camimage = out.camImage;
			tilemap = out.tileImage;
			if (out.plot != null) out.plot.show();
		} catch (ImageClassifier.Failure e) {
			log.error("Inception CAM: " + e.getMessage());
			cancel(e.getMessage());
		}
	}


}
