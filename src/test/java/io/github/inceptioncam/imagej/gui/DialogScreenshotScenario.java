package io.github.inceptioncam.imagej.gui;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.text.TextWindow;
import java.awt.Button;
import java.awt.Component;
import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Child-JVM scenario: every command of Plugins > Inception CAM opened from its menu entry in ImageJ 1.x on a virtual
 * display, its dialog (or, for the two commands without one, what they show) captured into {@code dialog-*.png} in
 * the given folder, then cancelled. Prints, per picture, SHOT name width height buttons, and the dialog's macro keys.
 */
public final class DialogScreenshotScenario {
	/** Menu label and picture name of the commands with a dialog. */
	static final String[][] DIALOGS = {{"Classify Image...", "dialog-classify-image"}, {"Batch Classify Folder...", "dialog-batch-classify-folder"},
		{"Model Info...", "dialog-model-info"}, {"Install GPU Support...", "dialog-install-gpu-support"}};

	public static void main(String[] args) {
		Scenarios.runAndExit(DialogScreenshotScenario::run, args);
	}

	static void run(String[] args) throws Exception {
		ImagePlus image = Scenarios.launchWithImage(args[0]);
		File out = new File(args[1]);
		out.mkdirs();
		for (String[] d : DIALOGS) {
			WindowManager.setCurrentWindow(image.getWindow());
			IJ.doCommand(d[0]);
			GenericDialog gd = SettingsScenario.waitForDialog();
			EventQueue.invokeAndWait(() -> {
				gd.setLocation(20, 20);
				gd.toFront();
			});
			Thread.sleep(1200);
			List<String> buttons = new ArrayList<>();
			for (Button b : gd.getButtons()) if (b != null && b.isShowing()) buttons.add(b.getLabel().trim());
			shoot(gd, new File(out, d[1] + ".png"), String.join(",", buttons));
			EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(gd.getButtons()[1], ActionEvent.ACTION_PERFORMED, "Cancel")));
			for (int i = 0; i < 100 && gd.isShowing(); i++) Thread.sleep(50);
		}
		// Check GPU has no dialog: its report in the Log window
		IJ.doCommand("Check GPU");
		TextWindow log = null;
		for (int i = 0; i < 600 && (log == null || IJ.getLog() == null || !IJ.getLog().contains("device auto would use")); i++) {
			Thread.sleep(50);
			log = (TextWindow) WindowManager.getWindow("Log");
		}
		final TextWindow logWindow = log;
		EventQueue.invokeAndWait(() -> {
			logWindow.setBounds(20, 20, 1200, 300);
			logWindow.toFront();
		});
		Thread.sleep(1000);
		shoot(logWindow, new File(out, "dialog-check-gpu.png"), "-");
		// Sample Field has no dialog: the stack it opens
		IJ.doCommand("Sample Field");
		ImagePlus sample = null;
		for (int i = 0; i < 600 && (sample == null || sample.getWindow() == null || !sample.getWindow().isShowing()); i++) {
			Thread.sleep(50);
			sample = WindowManager.getImage("Inception CAM sample field");
		}
		final Window w = sample.getWindow();
		EventQueue.invokeAndWait(() -> {
			w.setLocation(20, 20);
			w.toFront();
		});
		Thread.sleep(1000);
		shoot(w, new File(out, "sample-field.png"), "-");
		System.out.println("SAMPLE_SLICES " + sample.getStackSize());
	}

	static void shoot(Component c, File file, String buttons) throws Exception {
		Rectangle r = new Rectangle(c.getLocationOnScreen(), c.getSize());
		BufferedImage img = new Robot().createScreenCapture(r);
		ImageIO.write(img, "png", file);
		System.out.println("SHOT " + file.getName() + " " + img.getWidth() + " " + img.getHeight() + " " + buttons);
	}
}
