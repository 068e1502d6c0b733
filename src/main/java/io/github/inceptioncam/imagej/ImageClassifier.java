package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
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
import io.github.inceptioncam.image.ChannelMapping;
import io.github.inceptioncam.image.NativeWindow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
		/** The CAM box as a ROI; false by default in every face (Fiji, ImageJ 1.x dialog and macros); a batch always adds it. */
		public boolean roi;
		public boolean plot;
		/** The CAM thresholded (at the box's threshold) into an outline ROI: ROI Manager on screen, overlay in batch/headless. */
		public boolean outline;
		/** A calibration bar of the map's scale in the overlay. */
		public boolean legend;
		/** Also append the rows to the shared, shown {@code Inception CAM} table (false: only the run's own table, as in a batch). */
		public boolean showTable = true;
		/** Image channel per model channel: {@code auto} or a list like {@code 2,1,1} (see {@link io.github.inceptioncam.image.ChannelMapping}). */
		public String channels = "auto";
		/** Overlays on every channel of a hyperstack instead of on the channels the model used. */
		public boolean allChannels;
		/** How a selection smaller than the model input is padded: reflect or constant. */
		public String padding = "reflect";
		/** The constant of {@code padding=constant} and of the masked area. */
		public double padValue = 0;
		/** The area outside a non-rectangular selection filled with {@link #padValue}. */
		public boolean mask;
		/** Every area ROI of the ROI Manager classified, one after the other. */
		public boolean rois;
		/** The named ROIs {@link #rois} classifies (null: the open ROI Manager's, or a running macro's batch-mode one's). */
		public transient List<Roi> roiList;
		/** Sliding windows over the current position instead of one image ({@link TiledImageClassifier}). */
		public boolean tiles;
		/** Pixels between windows in tiles mode; 0: half a tile. */
		public int stride;

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
			c.channels = channels;
			c.allChannels = allChannels;
			c.padding = padding;
			c.padValue = padValue;
			c.mask = mask;
			c.rois = rois;
			c.roiList = roiList;
			c.tiles = tiles;
			c.stride = stride;
			return c;
		}
	}

	/** What was made. */
	public static final class Outcome {
		public ResultsTable table;
		public ImagePlus camImage;
		public Plot plot;
		/** Tiles mode: the class probabilities at window resolution (one slice per class). */
		public ImagePlus tileImage;
		/** Tiles mode: the windows' results ({@link #camImage} is then the blended map, {@link #table} the windows). */
		public io.github.inceptioncam.inference.TileResult tiles;
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
		return session(s, 1, log);
	}

	/** As above, for up to {@code maxBatch} images per run. */
	static CamSession session(Settings s, int maxBatch, Consumer<String> log) throws Failure {
		try {
			return EngineCache.openSession(modelPath(s), engineSettings(s), maxBatch, log);
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
		RegionInput.Options region = new RegionInput.Options();
		try {
			opts = new ClassifyOptions().top(s.top).classSpec(s.classSpec);
			CamAnnotator.lut(s.colormap);
			region.channels = ChannelMapping.check(s.channels);
			region.padding = NativeWindow.Padding.parse(s.padding);
			region.padValue = s.padValue;
			region.mask = s.mask;
			if (!Double.isFinite(s.padValue)) throw new IllegalArgumentException("pad_value must be a number");
		} catch (IllegalArgumentException e) {
			throw new Failure(e.getMessage());
		}
		List<Roi> regions = new ArrayList<>();
		if (s.rois) regions.addAll(RoiManagerRuns.rois(s.roiList, imp, log));
		else regions.add(imp.getRoi() != null && imp.getRoi().isArea() ? imp.getRoi() : null);
		if (s.tiles) {
			// the session is opened with the engine in one step, as below: an eviction cannot close it in between
			try (CamSession session = session(s, TiledImageClassifier.BATCH, log)) {
				return TiledImageClassifier.run(s, imp, session, opts, status, log, canceled);
			}
		}
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
		if (s.rois) RoiManagerRuns.removePrevious(overlay, regions);
		ImageStack cams = null;
		String title = imp.getTitle();
		Set<String> said = new HashSet<>();
		int steps = positions.size() * regions.size(), step = 0;
		CamEngine engine;
		try (CamSession session = session(s, log)) {
			engine = session.engine();
			for (Roi area : regions) {
				// the ROI's name: always with rois, else only a named selection's
				String roiName = area == null ? null : RoiManagerRuns.name(area);
				if (!s.rois && roiName != null && roiName.isEmpty()) roiName = null;
				for (int[] position : positions) {
					if (canceled.getAsBoolean()) break;
					int z = position[0], t = position[1];
					status.accept("Inception CAM: " + title + " " + (++step) + "/" + steps);
					int slice = imp.getStackIndex(imp.getC(), z, t);
					Classification c;
					RegionInput in;
					try {
						in = RegionInput.take(imp, z, t, area, title, engine.model().metadata(), region);
						for (String note : in.notes()) if (said.add(note)) log.accept("Inception CAM: " + title + (roiName == null ? "" : " [" + roiName + "]") + ": " + note);
						c = in.place(session.classify(in.input(), opts), opts.boxFraction());
					} catch (InferenceException | IllegalArgumentException e) {
						publish(rt); // the rows of the positions done before the failure are kept
						throw new Failure(title + ": " + e.getMessage());
					}
					Rectangle bounds = in.bounds();
					out.results.add(c);
					int firstRow = rt.size();
					CamAnnotator.addRows(rt, title, slice, c, engine.model(), bounds);
					RoiManagerRuns.describeRows(rt, firstRow, roiName, in);
					List<Integer> channels = s.allChannels ? List.of() : in.channels().used();
					if (c.cam() != null) {
						ImageRoi o = CamAnnotator.overlay(c.cam(), bounds, s.colormap, s.opacity);
						List<Roi> made = new ArrayList<>();
						made.add(o);
						if (s.legend) made.addAll(CamAnnotator.legend(c.cam(), bounds, s.colormap, s.opacity));
						if (s.outline) {
							Roi line = CamAnnotator.outline(c.cam(), bounds, opts.boxFraction());
							if (line != null) {
								if (toRoiManager() && !s.rois) {
									place(line, imp, z, t);
									addToRoiManager(imp, line, slice);
								} else {
									made.add(line);
								}
							}
						}
						if (s.roi) {
							// named with the explained class's own probability, not the top-1's
							Roi r = CamAnnotator.box(c.cam(), c.probabilities()[c.cam().classIndex()], bounds);
							if (r != null) made.add(r);
						}
						for (Roi part : placed(made, imp, z, t, channels)) {
							// a re-run replaces this class's overlay, outline and box at this position instead of stacking them
							if (s.rois) RoiManagerRuns.tag(part, roiName);
							else if (part == o || CamAnnotator.overlayName(c.cam().label()).equals(CamAnnotator.nameOf(part))) CamAnnotator.removePrevious(overlay, c.cam().label(), part);
							overlay.add(part);
						}
						if (s.camImage) {
							// one slice per requested class (a labelled stack when several classes are asked for);
							// virtual when the slices of all positions and regions would be large (--class all)
							int w = s.rois ? imp.getWidth() : bounds.width, h = s.rois ? imp.getHeight() : bounds.height;
							if (cams == null) {
								long slices = (long) c.cams().size() * positions.size() * regions.size();
								if (CamStack.tooLarge(slices, w, h)) {
									cams = new CamStack(w, h);
									log.accept("Inception CAM: " + title + ": the CAM stack of " + slices + " maps is a virtual stack (each slice made when shown; "
										+ "save it as TIFF to keep it)");
								} else {
									cams = new ImageStack(w, h);
								}
							}
							for (CamResult cr : c.cams()) {
								String where = (positions.size() > 1 ? " z" + z + " t" + t : "") + (roiName == null ? "" : " " + roiName);
								if (cams instanceof CamStack) {
									((CamStack) cams).add(cr.label() + where, cr, s.rois ? bounds.x : 0, s.rois ? bounds.y : 0);
									continue;
								}
								ij.process.ImageProcessor ip = CamAnnotator.camImage(cr, null, "").getProcessor();
								if (s.rois) {
									ij.process.FloatProcessor canvas = new ij.process.FloatProcessor(w, h);
									canvas.insert(ip, bounds.x, bounds.y);
									ip = canvas;
								}
								cams.addSlice(cr.label() + where, ip);
							}
						}
					} else {
						log.accept("Inception CAM: " + title + ": no CAM: " + c.camError());
					}
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
		publish(rt);
		status.accept("Inception CAM: " + title + " done on " + engine.device().name());
		return out;
	}

	/**
	 * The elements placed at their stack position: on each image channel the model used (a copy per channel),
	 * or on every channel when {@code channels} is empty or the image has one channel.
	 */
	private static List<Roi> placed(List<Roi> made, ImagePlus imp, int z, int t, List<Integer> channels) {
		List<Roi> out = new ArrayList<>();
		boolean perChannel = imp.getNChannels() > 1 && !channels.isEmpty() && channels.size() < imp.getNChannels();
		for (Roi r : made) {
			if (!perChannel) {
				place(r, imp, z, t);
				out.add(r);
				continue;
			}
			for (int i = 0; i < channels.size(); i++) {
				Roi copy = i == 0 ? r : (Roi) r.clone();
				copy.setPosition(channels.get(i) + 1, z, t);
				out.add(copy);
			}
		}
		return out;
	}

	/** Appends the run's rows to the shared, shown table (when asked for and on screen), as one block. */
	private void publish(ResultsTable rows) {
		if (!s.showTable || GraphicsEnvironment.isHeadless() || rows.size() == 0) return;
		CamAnnotator.publish(shared -> CamAnnotator.appendRows(shared, rows));
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
