package io.github.inceptioncam.imagej.gui;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.ImageRoi;
import ij.gui.PlotWindow;
import ij.gui.Roi;
import ij.plugin.frame.Recorder;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.util.Locale;
import java.util.Vector;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Child-JVM scenario: with ImageJ's Macro Recorder open, Classify Image... is run from its menu entry 16
 * times, ticking every combination of the checkboxes (cam_image, stack, roi, plot) in the real dialog and
 * pressing OK; each line the Recorder writes is then replayed as a macro call. Prints, per combination,
 * RECORDED (the options), CHOSEN (what was ticked), DIALOG and REPLAY (what the two runs did: overlay
 * elements, CAM image, plot, opacity); MISMATCH when they differ.
 */
public final class RecorderScenario {
	static final Pattern RUN = Pattern.compile("run\\(\"Classify Image\\.\\.\\.\", \"([^\"]*)\"\\);");

	public static void main(String[] args) {
		Scenarios.runAndExit(RecorderScenario::run, args);
	}

	static void run(String[] args) throws Exception {
		final ImagePlus image = Scenarios.launchWithImage(args[0]);
		Recorder[] rec = new Recorder[1];
		EventQueue.invokeAndWait(() -> rec[0] = new Recorder());
		int mismatches = 0;
		for (int combo = 0; combo < 16; combo++) {
			boolean cam = (combo & 1) != 0, stack = (combo & 2) != 0, roi = (combo & 4) != 0, plot = (combo & 8) != 0;
			String opacity = String.format(Locale.ROOT, "%.2f", 0.2 + 0.05 * combo);
			cleanUp(image);
			String before = rec[0].getText();
			WindowManager.setCurrentWindow(image.getWindow());
			IJ.doCommand("Classify Image...");
			GenericDialog gd = null;
			for (int i = 0; i < 1200 && gd == null; i++) {
				Thread.sleep(50);
				for (Window w : Window.getWindows()) if (w instanceof GenericDialog && w.isShowing()) gd = (GenericDialog) w;
			}
			if (gd == null) throw new IllegalStateException("no dialog for combination " + combo);
			final GenericDialog dialog = gd;
			boolean[] ticks = {cam, stack, roi, plot};
			EventQueue.invokeAndWait(() -> {
				@SuppressWarnings("unchecked")
				Vector<Checkbox> boxes = dialog.getCheckboxes();
				for (int i = 0; i < 4; i++) boxes.get(i).setState(ticks[i]);
				@SuppressWarnings("unchecked")
				Vector<TextField> numbers = dialog.getNumericFields();
				numbers.get(2).setText(opacity);
				@SuppressWarnings("unchecked")
				Vector<Choice> choices = dialog.getChoices();
				// the class chooser, then device and colormap (the dialog starts from the last values: set every one)
				choices.get(0).select("top-1");
				choices.get(1).select("cpu");
				dialog.actionPerformed(new ActionEvent(dialog.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
			});
			String added = null;
			for (int i = 0; i < 1800 && added == null; i++) {
				Thread.sleep(50);
				String now = rec[0].getText();
				if (now.length() > before.length() && RUN.matcher(now.substring(before.length())).find()) added = now.substring(before.length());
			}
			if (added == null) throw new IllegalStateException("nothing recorded for combination " + combo);
			Thread.sleep(300);
			Matcher m = RUN.matcher(added);
			m.find();
			String options = m.group(1);
			String dialogRun = effects(image);
			cleanUp(image);
			IJ.run(image, "Classify Image...", options);
			String replay = effects(image);
			System.out.println("RECORDED " + options);
			System.out.println("CHOSEN cam_image=" + cam + " stack=" + stack + " roi=" + roi + " plot=" + plot + " opacity=" + opacity);
			System.out.println("DIALOG " + dialogRun);
			System.out.println("REPLAY " + replay);
			String expected = "overlay=" + ((stack ? 2 : 1) * (roi ? 2 : 1)) + " cam=" + cam + " plot=" + plot + " opacity=" + opacity;
			if (!dialogRun.equals(replay) || !replay.equals(expected)) {
				System.out.println("MISMATCH " + combo + " expected " + expected);
				mismatches++;
			}
		}
		System.out.println("MISMATCHES " + mismatches);
	}

	static String effects(ImagePlus imp) {
		int n = imp.getOverlay() == null ? 0 : imp.getOverlay().size();
		double opacity = -1;
		if (n > 0) for (Roi r : imp.getOverlay().toArray()) if (r instanceof ImageRoi) opacity = ((ImageRoi) r).getOpacity();
		boolean cam = false, plot = false;
		for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
			ImagePlus w = WindowManager.getImage(id);
			if (w != null && w.getTitle().startsWith("CAM of")) cam = true;
		}
		for (Window w : Window.getWindows()) if (w instanceof PlotWindow && w.isShowing()) plot = true;
		return "overlay=" + n + " cam=" + cam + " plot=" + plot + " opacity=" + String.format(Locale.ROOT, "%.2f", opacity);
	}

	static void cleanUp(ImagePlus imp) throws Exception {
		imp.setOverlay(null);
		for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
			ImagePlus w = WindowManager.getImage(id);
			if (w != null && w != imp) {
				w.changes = false;
				w.close();
			}
		}
		EventQueue.invokeAndWait(() -> {
			for (Window w : Window.getWindows()) if (w instanceof PlotWindow) w.dispose();
		});
	}
}
