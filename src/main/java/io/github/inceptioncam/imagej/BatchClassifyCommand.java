package io.github.inceptioncam.imagej;

import java.io.File;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins > Inception CAM > Batch Classify Folder...: every matching image of a folder, written image by
 * image (results CSV, annotated TIFF with the overlay, optional CAM TIFF). Parameters only; the work is
 * done by {@link FolderClassifier}.
 */
@Plugin(type = Command.class, headless = true, menuPath = BatchClassifyCommand.MENU)
public class BatchClassifyCommand extends CancelableCommand {
	public static final String MENU = "Plugins>Inception CAM>Batch Classify Folder...";

	@Parameter(persist = false, label = "Input folder", style = FileWidget.DIRECTORY_STYLE)
	File input;

	@Parameter(persist = false, label = "File pattern")
	String pattern = "*.tif";

	@Parameter(persist = false, label = "Output folder", style = FileWidget.DIRECTORY_STYLE)
	File output;

	@Parameter(persist = false, label = "Model file (empty: built-in)", required = false)
	String model = "";

	@Parameter(persist = false, label = "Top classes", min = "1")
	int top = 5;

	/** Macro key {@code class}. */
	@Parameter(persist = false, label = "Class for the CAM (auto = top-1)")
	String Class = "auto";

	@Parameter(persist = false, label = "Device", choices = {"auto", "cpu", "gpu"})
	String device = "auto";

	@Parameter(persist = false, label = "Overlay opacity", min = "0", max = "1")
	double opacity = 0.5;

	@Parameter(persist = false, label = "Colormap")
	String colormap = "Fire";

	@Parameter(persist = false, label = "Also save the CAM as a 32-bit TIFF")
	boolean cam_image = false;

	@Parameter(type = ItemIO.OUTPUT)
	String summary;

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
		s.camImage = cam_image;
		FolderClassifier f = new FolderClassifier(s, (i, n) -> status.showProgress(i, n), status::showStatus,
			log::warn, this::isCanceled);
		try {
			FolderClassifier.Summary r = f.run(input == null ? null : input.toPath(), pattern, output == null ? null : output.toPath());
			summary = r.toString();
			log.info("Inception CAM: " + summary);
		} catch (ImageClassifier.Failure e) {
			log.error("Inception CAM: " + e.getMessage());
			cancel(e.getMessage());
		}
	}

}
