package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import io.github.inceptioncam.image.ImageInputs;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.DeviceChoice;
import io.github.inceptioncam.inference.DeviceException;
import io.github.inceptioncam.inference.EngineCache;
import io.github.inceptioncam.inference.EngineSettings;
import io.github.inceptioncam.inference.InferenceException;
import io.github.inceptioncam.inference.Prediction;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelException;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Classifies an open image (its current position, or every slice and frame) and annotates it: CAM
 * overlay, box ROIs, results table rows, provenance, optionally a CAM image and a probability plot.
 * Shared by the SciJava command and the ImageJ 1.x macro adapter; it never changes the pixels.
 */
public final class ImageClassifier {
	/** What to do; field defaults are the commands' defaults. */
	public static final class Settings {
		public String model = "";
		public int top = 5;
		public String classSpec = "auto";
		public String device = "auto";
		/** ONNX Runtime threads per inference; 0: every available processor. */
		public int threads = 0;
		public double opacity = 0.5;
		public String colormap = "Fire";
		public boolean allSlices;
		public boolean camImage;
		public boolean roi = true;
		public boolean plot;
		/** The CAM thresholded (at the box's threshold) into an outline ROI: ROI Manager on screen, overlay in batch/headless. */
		public boolean outline;
		/** A calibration bar of the map's scale in the overlay. */
		public boolean legend;
		/** Also append the rows to the shared, shown {@code Inception CAM} table (false: only the run's own table, as in a batch). */
		public boolean showTable = true;

		public Settings copy() {
			Settings c = new Settings();
			c.model = model;
			c.top = top;
			c.classSpec = classSpec;
			c.device = device;
			c.threads = threads;
			c.opacity = opacity;
			c.colormap = colormap;
			c.allSlices = allSlices;
			c.camImage = camImage;
			c.roi = roi;
			c.plot = plot;
			c.outline = outline;
			c.legend = legend;
			c.showTable = showTable;
			return c;
		}
	}

	/** What was made. */
	public static final class Outcome {
		public ResultsTable table;
		public ImagePlus camImage;
		public Plot plot;
		public final List<Classification> results = new ArrayList<>();
	}

	/** A one-line reason why nothing (more) could be done. */
	public static final class Failure extends Exception {
		private static final long serialVersionUID = 1L;

		public Failure(String message) {
			super(message);
		}
	}

	private final Settings s;
	private final Consumer<String> status;
	private final Consumer<String> log;
	private final BooleanSupplier canceled;

	public ImageClassifier(Settings settings, Consumer<String> status, Consumer<String> log, BooleanSupplier canceled) {
		this.s = settings;
		this.status = status == null ? x -> { } : status;
		this.log = log == null ? x -> { } : log;
		this.canceled = canceled == null ? () -> false : canceled;
	}

	/** The engine the settings ask for, from the per-JVM cache. */
	static CamEngine engine(Settings s, Consumer<String> log) throws Failure {
		try {
			return EngineCache.get(modelPath(s), engineSettings(s), log);
		} catch (ModelException | DeviceException | IllegalArgumentException e) {
			throw new Failure(e.getMessage());
		}
	}

	/** A session of this thread's own on the cached engine the settings ask for (no other run shares it). */
	static CamSession session(Settings s, Consumer<String> log) throws Failure {
		try {
			return EngineCache.openSession(modelPath(s), engineSettings(s), 1, log);
		} catch (ModelException | DeviceException | IllegalArgumentException e) {
			throw new Failure(e.getMessage());
		}
	}

	private static Path modelPath(Settings s) {
		return s.model == null || s.model.isBlank() ? null : Paths.get(s.model.trim());
	}

	private static EngineSettings engineSettings(Settings s) {
		return EngineSettings.of(DeviceChoice.parse(s.device)).withThreads(s.threads);
	}

	public Outcome run(ImagePlus imp) throws Failure {
		if (imp == null) throw new Failure("no image: open an image first");
		ClassifyOptions opts;
		try {
			opts = new ClassifyOptions().top(s.top).classSpec(s.classSpec);
			CamAnnotator.lut(s.colormap);
		} catch (IllegalArgumentException e) {
			throw new Failure(e.getMessage());
		}
		Rectangle bounds = imp.getRoi() != null && imp.getRoi().isArea() ? imp.getRoi().getBounds() : new Rectangle(0, 0, imp.getWidth(), imp.getHeight());
		List<int[]> positions = new ArrayList<>();
		if (s.allSlices) {
			for (int t = 1; t <= imp.getNFrames(); t++) for (int z = 1; z <= imp.getNSlices(); z++) positions.add(new int[] {z, t});
		} else {
			positions.add(new int[] {imp.getZ(), imp.getT()});
		}
		Outcome out = new Outcome();
		// this run's rows; appended to the shared, shown table in one step at the end (see CamAnnotator.publish)
		ResultsTable rt = new ResultsTable();
		out.table = rt;
		Overlay overlay = imp.getOverlay() != null ? imp.getOverlay() : new Overlay();
		ImageStack cams = null;
		String title = imp.getTitle();
		List<Integer> slices = new ArrayList<>();
		CamEngine engine;
		try (CamSession session = session(s, log)) {
			engine = session.engine();
			for (int i = 0; i < positions.size(); i++) {
				if (canceled.getAsBoolean()) break;
				int z = positions.get(i)[0], t = positions.get(i)[1];
				status.accept("Inception CAM: " + title + " " + (i + 1) + "/" + positions.size());
				int slice = imp.getStackIndex(imp.getC(), z, t);
				Classification c;
				try {
					c = session.classify(ImageInputs.at(imp, z, t, bounds, title), opts);
				} catch (InferenceException | IllegalArgumentException e) {
					// the rows of the positions done before the failure are kept
					publish(title, slices, out.results, engine.model(), bounds);
					throw new Failure(title + ": " + e.getMessage());
				}
				out.results.add(c);
				slices.add(slice);
				CamAnnotator.addRows(rt, title, slice, c, engine.model(), bounds);
				if (c.cam() != null) {
					ImageRoi o = CamAnnotator.overlay(c.cam(), bounds, s.colormap, s.opacity);
					place(o, imp, z, t);
					// a re-run replaces this class's overlay, outline and box at this position instead of stacking them
					CamAnnotator.removePrevious(overlay, c.cam().label(), o);
					overlay.add(o);
					if (s.legend) {
						for (Roi part : CamAnnotator.legend(c.cam(), bounds, s.colormap, s.opacity)) {
							place(part, imp, z, t);
							overlay.add(part);
						}
					}
					if (s.outline) {
						Roi line = CamAnnotator.outline(c.cam(), bounds, opts.boxFraction());
						if (line != null) {
							place(line, imp, z, t);
							if (toRoiManager()) addToRoiManager(imp, line, slice);
							else overlay.add(line);
						}
					}
					if (s.roi) {
						// named with the explained class's own probability, not the top-1's
						Roi r = CamAnnotator.box(c.cam(), c.probabilities()[c.cam().classIndex()], bounds);
						if (r != null) {
							place(r, imp, z, t);
							overlay.add(r);
						}
					}
					if (s.camImage) {
						// one slice per requested class (a labelled stack when several classes are asked for)
						if (cams == null) cams = new ImageStack(bounds.width, bounds.height);
						for (CamResult cr : c.cams()) {
							String where = positions.size() > 1 ? " z" + z + " t" + t : "";
							cams.addSlice(cr.label() + where, CamAnnotator.camImage(cr, null, "").getProcessor());
						}
					}
				} else {
					log.accept("Inception CAM: " + title + ": no CAM: " + c.camError());
				}
			}
		}
		imp.setOverlay(overlay);
		CamAnnotator.provenance(imp, engine.model(), engine.device().name());
		if (cams != null) {
			out.camImage = new ImagePlus("CAM of " + title, cams);
			out.camImage.setCalibration(imp.getCalibration().copy());
			out.camImage.getProcessor().resetMinAndMax();
		}
		if (s.plot && !out.results.isEmpty()) out.plot = plot(out.results.get(out.results.size() - 1), title);
		publish(title, slices, out.results, engine.model(), bounds);
		status.accept("Inception CAM: " + title + " done on " + engine.device().name());
		return out;
	}

	/** Appends the run's rows to the shared, shown table (when asked for and on screen), as one block. */
	private void publish(String title, List<Integer> slices, List<Classification> results, InceptionModel model, Rectangle bounds) {
		if (!s.showTable || GraphicsEnvironment.isHeadless() || results.isEmpty()) return;
		CamAnnotator.publish(shared -> {
			for (int i = 0; i < results.size(); i++) CamAnnotator.addRows(shared, title, slices.get(i), results.get(i), model, bounds);
		});
	}

	/** The outline goes to the ROI Manager on screen, to the overlay in batch mode or headless. */
	private static boolean toRoiManager() {
		return !GraphicsEnvironment.isHeadless() && !ij.macro.Interpreter.isBatchMode();
	}

	/** One ROI Manager per ImageJ: two runs at once must not both create it nor rename each other's entry. */
	private static final Object ROI_MANAGER_LOCK = new Object();

	private static void addToRoiManager(ImagePlus imp, Roi r, int slice) {
		synchronized (ROI_MANAGER_LOCK) {
			RoiManager rm = RoiManager.getInstance();
			if (rm == null) rm = new RoiManager();
			Roi copy = (Roi) r.clone();
			rm.add(imp, copy, imp.getStackSize() > 1 ? slice : -1);
			// the manager names it after its position; keep ours
			rm.rename(rm.getCount() - 1, r.getName());
		}
	}

	/** Ties an overlay element to its stack position (all channels of a hyperstack). */
	private static void place(Roi r, ImagePlus imp, int z, int t) {
		if (imp.isHyperStack() || imp.getNChannels() > 1) r.setPosition(0, z, t);
		else if (imp.getStackSize() > 1) r.setPosition(imp.getStackIndex(1, z, t));
	}

	private static Plot plot(Classification c, String title) {
		List<Prediction> top = c.top();
		double[] x = new double[top.size()], y = new double[top.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = i + 1;
			y[i] = top.get(i).probability();
		}
		Plot p = new Plot("Inception CAM: " + title, "rank", "probability");
		p.setLimits(0.5, x.length + 0.5, 0, 1);
		p.add("separated bar", x, y);
		for (int i = 0; i < x.length; i++) p.addText(top.get(i).label(), x[i], Math.min(0.95, y[i] + 0.05));
		return p;
	}
}
