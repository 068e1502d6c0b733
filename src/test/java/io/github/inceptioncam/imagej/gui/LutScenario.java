package io.github.inceptioncam.imagej.gui;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.ImageRoi;
import ij.gui.ImageWindow;
import ij.process.ImageProcessor;
import io.github.inceptioncam.imagej.CamAnnotator;
import java.awt.EventQueue;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;

/**
 * Child-JVM scenario: the image on screen at 100 %, then Classify Image... with every offered colormap
 * at opacity 1, each run replacing the previous one's overlay. For each LUT the screen is compared with
 * the image shown without overlay: prints LUT name ZERO n (zero-map pixels) ZERO_CHANGED n (of those,
 * pixels that changed on screen) SHOWN n (map pixels that changed) OVERLAY n (overlay elements).
 */
public final class LutScenario {
	public static void main(String[] args) {
		Scenarios.runAndExit(LutScenario::run, args);
	}

	static void run(String[] args) throws Exception {
		ImagePlus image = Scenarios.launchWithImage(args[0]);
		Robot robot = new Robot();
		BufferedImage base = capture(robot, image);
		for (String lut : CamAnnotator.COLORMAPS) {
			IJ.run(image, "Classify Image...", "model=[] top=1 class=auto device=cpu opacity=1 colormap=[" + lut + "]");
			BufferedImage shot = capture(robot, image);
			ImageRoi o = null;
			for (ij.gui.Roi r : image.getOverlay().toArray()) if (r instanceof ImageRoi) o = (ImageRoi) r;
			ImageProcessor map = o.getProcessor();
			int zero = 0, zeroChanged = 0, shown = 0;
			for (int y = 0; y < map.getHeight(); y++) {
				for (int x = 0; x < map.getWidth(); x++) {
					boolean changed = (base.getRGB(x, y) & 0xffffff) != (shot.getRGB(x, y) & 0xffffff);
					if ((map.get(x, y) & 0xffffff) == 0) {
						zero++;
						if (changed) zeroChanged++;
					} else if (changed) shown++;
				}
			}
			System.out.println("LUT " + lut + " ZERO " + zero + " ZERO_CHANGED " + zeroChanged + " SHOWN " + shown + " OVERLAY " + image.getOverlay().size());
		}
	}

	/** The image's canvas as shown on screen (the image at 100 %, in front of every other window). */
	static BufferedImage capture(Robot robot, ImagePlus imp) throws Exception {
		ImageWindow win = imp.getWindow();
		EventQueue.invokeAndWait(() -> {
			for (Window w : Window.getWindows()) if (w != win && w.isShowing()) w.setLocation(700, 100);
			win.setLocation(10, 100);
			win.toFront();
		});
		imp.updateAndDraw();
		Thread.sleep(1200);
		ImageCanvas c = imp.getCanvas();
		Point p = c.getLocationOnScreen();
		return robot.createScreenCapture(new Rectangle(p.x, p.y, imp.getWidth(), imp.getHeight()));
	}
}
