package io.github.inceptioncam.imagej.gui;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import io.github.inceptioncam.imagej.CamAnnotator;
import java.awt.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Child-JVM scenario: two images on screen, Classify Image... run on both at once from two threads
 * (through ImageJ's command table, as two macros do), several rounds. Checks the one shared, shown
 * {@code Inception CAM} table: every run's rows form one block of its own image, identical from round to
 * round, none lost or torn. Prints ROWS n, BLOCKS n, MISMATCHES n (with a MISMATCH line each),
 * TABLE_WINDOWS n and OVERLAY_&lt;title&gt; n.
 */
public final class ConcurrentScenario {
	static final int TOP = 4;

	public static void main(String[] args) {
		Scenarios.runAndExit(ConcurrentScenario::run, args);
	}

	static void run(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[2]);
		ImagePlus a = Scenarios.launchWithImage(args[0]);
		ImagePlus b = IJ.openImage(args[1]);
		b.show();
		for (int i = 0; i < 100 && (b.getWindow() == null || !b.getWindow().isShowing()); i++) Thread.sleep(100);
		ImagePlus[] imps = {a, b};
		String options = "model=[] top=" + TOP + " device=cpu threads=1 roi";
		for (int round = 0; round < rounds; round++) {
			CyclicBarrier go = new CyclicBarrier(2);
			List<Thread> threads = new ArrayList<>();
			List<Throwable> failures = new ArrayList<>();
			for (ImagePlus imp : imps) {
				Thread t = new Thread(() -> {
					try {
						go.await(60, TimeUnit.SECONDS);
						IJ.run(imp, "Classify Image...", options);
					} catch (Throwable e) {
						synchronized (failures) {
							failures.add(e);
						}
					}
				}, "classify " + imp.getTitle());
				threads.add(t);
				t.start();
			}
			for (Thread t : threads) t.join(180_000);
			if (!failures.isEmpty()) throw new AssertionError("round " + round, failures.get(0));
		}
		ResultsTable rt = ResultsTable.getResultsTable(CamAnnotator.TABLE);
		int rows = rt == null ? 0 : rt.size();
		System.out.println("ROWS " + rows);
		int mismatches = 0, blocks = 0;
		Map<String, List<String>> first = new HashMap<>();
		for (int start = 0; start + TOP <= rows; start += TOP) {
			blocks++;
			String image = rt.getStringValue("image", start);
			List<String> block = new ArrayList<>();
			for (int r = start; r < start + TOP; r++) {
				String row = rt.getStringValue("image", r) + " " + rt.getStringValue("rank", r) + " " + rt.getStringValue("label", r) + " "
					+ rt.getStringValue("probability", r) + " " + rt.getStringValue("cam_label", r) + " " + rt.getStringValue("box_x", r) + " "
					+ rt.getStringValue("box_y", r) + " " + rt.getStringValue("box_w", r) + " " + rt.getStringValue("box_h", r);
				block.add(row);
				if (!rt.getStringValue("image", r).equals(image) || (int) rt.getValue("rank", r) != r - start + 1) {
					mismatches++;
					System.out.println("MISMATCH torn block at row " + r + ": " + row);
				}
			}
			List<String> want = first.putIfAbsent(image, block);
			if (want != null && !want.equals(block)) {
				mismatches++;
				System.out.println("MISMATCH block at row " + start + " differs from the first block of " + image + ": " + block + " vs " + want);
			}
		}
		for (ImagePlus imp : imps) {
			long blocksOf = 0;
			for (int start = 0; start + TOP <= rows; start += TOP) if (rt.getStringValue("image", start).equals(imp.getTitle())) blocksOf++;
			if (blocksOf != rounds) {
				mismatches++;
				System.out.println("MISMATCH " + imp.getTitle() + " has " + blocksOf + " blocks, not " + rounds);
			}
			System.out.println("OVERLAY_" + imp.getTitle() + " " + (imp.getOverlay() == null ? 0 : imp.getOverlay().size()));
		}
		if (rows != 2 * rounds * TOP) mismatches++;
		int windows = 0;
		for (Frame f : WindowManager.getNonImageWindows()) if (CamAnnotator.TABLE.equals(f.getTitle())) windows++;
		System.out.println("BLOCKS " + blocks);
		System.out.println("MISMATCHES " + mismatches);
		System.out.println("TABLE_WINDOWS " + windows);
	}
}
