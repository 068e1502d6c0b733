package io.github.inceptioncam.imagej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.ImageRoi;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import io.github.inceptioncam.imagej.ij1.InceptionCamPluginAccess;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two Classify Image... runs at once on two real ImagePlus, through the SciJava command and through the
 * ImageJ 1.x plugin as a macro runs it: each image gets its own overlay (CAM and box of its own class,
 * pixel for pixel what a run alone gives) and each run's table holds its own image's rows only.
 */
class ConcurrentCommandsTest extends CommandsInContext {
	/** Two images of different classes: apoptosis and mitosis. */
	static final String[] NAMES = {"field_00001.tif", "field_00003.tif"};
	static final int ROUNDS = 4;

	static ImagePlus open(String name, String title) {
		ImagePlus imp = IJ.openImage(Paths.get("sample-images", name).toString());
		imp.setTitle(title);
		return imp;
	}

	static ClassifierCommand classify(ImagePlus imp) throws Exception {
		return classifyImage(imp, "threads", 1, "top", 4, "roi", true);
	}

	/** What a run leaves on an image: overlay element names, the CAM's RGB pixels, the box. */
	static final class Marks {
		final List<String> names = new ArrayList<>();
		int[] cam;
		java.awt.Rectangle box;

		Marks(ImagePlus imp) {
			assertNotNull(imp.getOverlay(), imp.getTitle());
			for (Roi r : imp.getOverlay().toArray()) {
				names.add(CamAnnotator.nameOf(r));
				if (r instanceof ImageRoi) cam = ((int[]) ((ImageRoi) r).getProcessor().getPixels()).clone();
				else box = r.getBounds();
			}
		}

		void assertSameAs(Marks want, String where) {
			assertEquals(want.names, names, where);
			assertArrayEquals(want.cam, cam, where + ": CAM overlay pixels");
			assertEquals(want.box, box, where + ": box");
		}
	}

	/** The table's rows as text, the image column first. */
	static List<String> rows(ResultsTable rt) {
		List<String> out = new ArrayList<>();
		for (int r = 0; r < rt.size(); r++) {
			out.add(rt.getStringValue("image", r) + " " + rt.getStringValue("slice", r) + " " + rt.getStringValue("rank", r) + " "
				+ rt.getStringValue("label", r) + " " + rt.getStringValue("probability", r) + " " + rt.getStringValue("cam_label", r) + " "
				+ rt.getStringValue("box_x", r) + " " + rt.getStringValue("box_y", r) + " " + rt.getStringValue("box_w", r) + " "
				+ rt.getStringValue("box_h", r));
		}
		return out;
	}

	/** Runs the two jobs at the same moment (a barrier), returns their results in order. */
	static <T> List<T> together(ThreadFactory threads, List<Callable<T>> jobs) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(jobs.size(), threads);
		CyclicBarrier go = new CyclicBarrier(jobs.size());
		try {
			List<Future<T>> fs = new ArrayList<>();
			for (Callable<T> job : jobs) fs.add(pool.submit(() -> {
				go.await(60, TimeUnit.SECONDS);
				return job.call();
			}));
			List<T> out = new ArrayList<>();
			for (Future<T> f : fs) out.add(f.get(300, TimeUnit.SECONDS));
			return out;
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void twoSciJavaCommandsAtOnceKeepTheirOverlaysAndRowsApart() throws Exception {
		// each image alone first: the reference
		Marks[] want = new Marks[2];
		List<List<String>> wantRows = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			ImagePlus imp = open(NAMES[i], "img" + i);
			ClassifierCommand m = classify(imp);
			assertFalse(m.isCanceled(), m.getCancelReason());
			want[i] = new Marks(imp);
			wantRows.add(rows((ResultsTable) m.getOutput("table")));
		}
		assertNotEquals(want[0].names, want[1].names, "the two images are of different classes");
		for (int round = 0; round < ROUNDS; round++) {
			ImagePlus[] imps = {open(NAMES[0], "img0"), open(NAMES[1], "img1")};
			List<Callable<ClassifierCommand>> jobs = new ArrayList<>();
			for (ImagePlus imp : imps) jobs.add(() -> classify(imp));
			List<ClassifierCommand> got = together(Executors.defaultThreadFactory(), jobs);
			for (int i = 0; i < 2; i++) {
				String where = "round " + round + ", " + imps[i].getTitle();
				assertFalse(got.get(i).isCanceled(), got.get(i).getCancelReason());
				new Marks(imps[i]).assertSameAs(want[i], where);
				assertEquals(wantRows.get(i), rows((ResultsTable) got.get(i).getOutput("table")), where + ": its table holds its own rows only");
				assertEquals("cpu", imps[i].getProp("InceptionCAM.device"), where);
			}
		}
	}

	@Test
	void twoImageJ1MacroRunsAtOnceAnnotateTheirOwnImage() throws Exception {
		String options = "model=[] top=4 device=cpu threads=1 roi";
		Marks[] want = new Marks[2];
		for (int i = 0; i < 2; i++) {
			ImagePlus imp = open(NAMES[i], "img" + i);
			runAsMacro(imp, options);
			want[i] = new Marks(imp);
		}
		assertNotEquals(want[0].names, want[1].names);
		// ImageJ hands macro options only to threads named "Run$_..."; the current image is the thread's own
		AtomicInteger n = new AtomicInteger();
		ThreadFactory macroThreads = r -> new Thread(r, "Run$_concurrent" + n.incrementAndGet());
		for (int round = 0; round < ROUNDS; round++) {
			ImagePlus[] imps = {open(NAMES[0], "img0"), open(NAMES[1], "img1")};
			List<Callable<Boolean>> jobs = new ArrayList<>();
			for (ImagePlus imp : imps) jobs.add(() -> {
				runHere(imp, options);
				return true;
			});
			together(macroThreads, jobs);
			for (int i = 0; i < 2; i++) new Marks(imps[i]).assertSameAs(want[i], "round " + round + ", " + imps[i].getTitle());
		}
	}

	/** As a macro thread does: this thread's current image and options, then the plugin. */
	static void runHere(ImagePlus imp, String options) {
		WindowManager.setTempCurrentImage(imp);
		Macro.setOptions(options);
		try {
			InceptionCamPluginAccess.classify();
		} finally {
			Macro.setOptions(null);
			WindowManager.setTempCurrentImage(null);
		}
	}

	static void runAsMacro(ImagePlus imp, String options) throws Exception {
		Thread t = new Thread(() -> runHere(imp, options), "Run$_reference");
		t.start();
		t.join(120_000);
		assertTrue(!t.isAlive());
	}
}
