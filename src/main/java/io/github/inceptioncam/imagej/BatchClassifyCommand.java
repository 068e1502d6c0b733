package io.github.inceptioncam.imagej;

import java.io.File;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins > Inception CAM > Batch Classify Folder...: every matching image of a folder, written image by
 * image (results CSV, annotated TIFF with the overlay, optional CAM TIFF). Parameters only; the work is
 * done by {@link FolderClassifier}.
 */
@Plugin(type = Command.class, headless = true, menuPath = BatchClassifyCommand.MENU)
public class BatchClassifyCommand extends ClassifierCommand {
	public static final String MENU = "Plugins>Inception CAM>Batch Classify Folder...";

	@Parameter(persist = false, label = "Input folder", style = FileWidget.DIRECTORY_STYLE, description = "The folder with the images")
	File input;

	@Parameter(persist = false, label = "File pattern", description = "Which files of the folder, e.g. *.tif or *.png")
	String pattern = "*.tif";

	@Parameter(persist = false, label = "Output folder", style = FileWidget.DIRECTORY_STYLE, description = "results.csv, errors.csv and the annotated TIFFs go here")
	File output;

	@Parameter(type = ItemIO.OUTPUT)
	String summary;


	@Override
	public void run() {
		FolderClassifier f = new FolderClassifier(settings(), (i, n) -> status.showProgress(i, n), status::showStatus,
			log::warn, this::isCanceled);
		try {
			FolderClassifier.Summary r = f.run(input == null ? null : input.toPath(), pattern, output == null ? null : output.toPath());
			summary = r.toString();
			log.info("Inception CAM: " + summary);
			status.showStatus("Inception CAM: " + summary);
			// on screen the summary only; every row is in the CSV
			if (!java.awt.GraphicsEnvironment.isHeadless()) r.table().show(FolderClassifier.SUMMARY_TABLE);
		} catch (ImageClassifier.Failure e) {
			log.error("Inception CAM: " + e.getMessage());
			cancel(e.getMessage());
		}
	}

}
