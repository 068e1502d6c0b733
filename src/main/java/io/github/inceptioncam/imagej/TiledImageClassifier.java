package io.github.inceptioncam.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import io.github.inceptioncam.cam.TileGrid;
import io.github.inceptioncam.image.ImagePlusWindows;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.InferenceException;
import io.github.inceptioncam.inference.TileClassifier;
import io.github.inceptioncam.inference.TileResult;
import io.github.inceptioncam.model.ModelMetadata;
import java.awt.GraphicsEnvironment;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Classify Image... in tiles mode: the current position of the image classified window by window at
 * native scale (tile = model input, every {@code stride} pixels), windows read lazily from the image's
 * processors and run in batches; the tile map becomes an overlay with a legend, a class-probability
 * image, a blended-map image and a table of windows.
 */
final class TiledImageClassifier {
	/** Windows per inference run. */
	static final int BATCH = 8;

	private TiledImageClassifier() {}

	/** Classifies the windows through {@code session} (opened for {@link #BATCH} windows; the caller closes it). */
	static ImageClassifier.Outcome run(ImageClassifier.Settings s, ImagePlus imp, CamSession session, ClassifyOptions opts,
			Consumer<String> status, Consumer<String> log, BooleanSupplier canceled) throws ImageClassifier.Failure {
		CamEngine engine = session.engine();
		ModelMetadata meta = engine.model().metadata();
		String title = imp.getTitle();
		TileGrid grid;
		try {
			grid = TileGrid.of(imp.getWidth(), imp.getHeight(), meta.inputWidth(), meta.inputHeight(), s.stride);
		} catch (IllegalArgumentException e) {
			throw new ImageClassifier.Failure(title + ": " + e.getMessage());
		}
		log.accept("Inception CAM: " + title + ": " + grid);
		TileResult r;
		try {
			r = TileClassifier.run(session, new ImagePlusWindows(imp, imp.getZ(), imp.getT(), title), grid, opts, new TileClassifier.Progress() {
				@Override
				public void windows(int done, int total) {
					status.accept("Inception CAM: " + title + " windows " + done + "/" + total);
					IJ.showProgress(done, total);
				}

				@Override
				public boolean canceled() {
					return canceled.getAsBoolean();
				}
			});
		} catch (InferenceException | IllegalArgumentException e) {
			throw new ImageClassifier.Failure(title + ": " + e.getMessage());
		} finally {
			IJ.showProgress(1.0);
		}
		ImageClassifier.Outcome out = new ImageClassifier.Outcome();
		out.tiles = r;
		out.results.add(r.summary());
		ResultsTable rt = s.showTable ? ResultsTable.getResultsTable(TileAnnotator.TABLE) : null;
		if (rt == null) rt = new ResultsTable();
		TileAnnotator.addRows(rt, title, r.assembly(), meta);
		out.table = rt;
		Overlay overlay = imp.getOverlay() != null ? imp.getOverlay() : new Overlay();
		TileAnnotator.removePrevious(overlay);
		for (Roi roi : TileAnnotator.overlay(r.assembly(), meta, s.opacity)) {
			// tied to the classified position, as the single-image overlay is
			if (imp.isHyperStack() || imp.getNChannels() > 1) roi.setPosition(0, imp.getZ(), imp.getT());
			else if (imp.getStackSize() > 1) roi.setPosition(imp.getCurrentSlice());
			overlay.add(roi);
		}
		imp.setOverlay(overlay);
		CamAnnotator.provenance(imp, engine.model(), engine.device().name());
		out.tileImage = TileAnnotator.probabilityImage(r.assembly(), meta, imp.getCalibration(), "Tile classes of " + title);
		out.camImage = TileAnnotator.mapImage(r.assembly(), imp.getCalibration(), "Tile CAM of " + title);
		if (out.camImage == null) log.accept("Inception CAM: " + title + ": no tile CAM: " + r.mapNote());
		else if (r.assembly().mapScale() > 1) {
			log.accept("Inception CAM: " + title + ": the tile CAM is at 1/" + r.assembly().mapScale() + " of the image's resolution (memory bound)");
		}
		if (s.showTable && !GraphicsEnvironment.isHeadless()) rt.show(TileAnnotator.TABLE);
		String done = r.canceled() ? "cancelled after " + r.assembly().windows() + "/" + grid.count() + " windows"
			: grid.count() + " windows done on " + engine.device().name();
		status.accept("Inception CAM: " + title + " " + done);
		if (r.canceled()) log.accept("Inception CAM: " + title + ": " + done + "; the tile map shows the windows done");
		return out;
	}
}
