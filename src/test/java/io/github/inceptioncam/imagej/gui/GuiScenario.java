package io.github.inceptioncam.imagej.gui;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageCanvas;
import ij.gui.ImageWindow;
import java.awt.EventQueue;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Child-JVM scenario: ImageJ's window opens, Plugins > Inception CAM > Classify Image... runs through the
 * menu command table on an image, and the screen is captured. Prints CANVAS x y w h (screen pixels of the
 * image) and OVERLAY n.
 */
public final class GuiScenario {
	public static void main(String[] args) throws Exception {
		String image = args[0], shot = args[1];
		ImagePlus imp = Scenarios.launchWithImage(image);
		IJ.run(imp, "Classify Image...", "model=[] top=3 class=auto device=cpu opacity=0.6 colormap=Fire roi plot");
		IJ.run(imp, "In [+]", "");
		ImageWindow win = imp.getWindow();
		EventQueue.invokeAndWait(() -> {
			for (Window w : Window.getWindows()) {
				if (w instanceof ij.gui.PlotWindow) w.setLocation(560, 470);
				else if (w instanceof ij.text.TextWindow) w.setBounds(560, 100, 700, 200);
			}
			IJ.getInstance().setLocation(0, 0);
			win.setLocation(10, 100);
			win.toFront();
		});
		Thread.sleep(1500);
		ImageCanvas c = imp.getCanvas();
		Point p = c.getLocationOnScreen();
		System.out.println("CANVAS " + p.x + " " + p.y + " " + c.getWidth() + " " + c.getHeight());
		System.out.println("OVERLAY " + (imp.getOverlay() == null ? 0 : imp.getOverlay().size()));
		BufferedImage screen = new Robot().createScreenCapture(new Rectangle(0, 0, 1280, 900));
		ImageIO.write(screen, "png", new File(shot));
		System.exit(0);
	}
}
