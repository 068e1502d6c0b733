package io.github.inceptioncam.imagej.gui;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.ImageCanvas;
import ij.gui.ImageWindow;
import ij.gui.Roi;
import io.github.inceptioncam.imagej.CamAnnotator;
import io.github.inceptioncam.imagej.TileAnnotator;
import java.awt.EventQueue;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Child-JVM scenario: ImageJ's window opens on a montage, Classify Image... runs in tiles mode through
 * the menu command table, the tile CAM is shown with Fire beside it, and the screen is captured. Prints
 * CANVAS x y w h (screen pixels of the montage), CELLS n (tile cells in the overlay) and IMAGES n.
 */
public final class TileScenario {
	public static void main(String[] args) {
		Scenarios.runAndExit(TileScenario::run, args);
	}

	static void run(String[] args) throws Exception {
		String image = args[0], shot = args[1];
		ImagePlus imp = Scenarios.launchWithImage(image);
		IJ.run(imp, "Classify Image...", "model=[] device=cpu opacity=0.35 colormap=Fire tiles stride=0");
		ImagePlus cam = null;
		for (int id : WindowManager.getIDList()) {
			ImagePlus w = WindowManager.getImage(id);
			if (w.getTitle().startsWith("Tile CAM of")) cam = w;
		}
		if (cam == null) throw new IllegalStateException("no Tile CAM image");
		IJ.run(cam, "Fire", "");
		ImageWindow win = imp.getWindow(), camWin = cam.getWindow();
		EventQueue.invokeAndWait(() -> {
			for (Window w : Window.getWindows()) {
				if (w instanceof ij.text.TextWindow) w.setBounds(560, 650, 700, 230);
				else if (w instanceof ImageWindow && w != win && w != camWin) w.setLocation(1100, 100);
			}
			IJ.getInstance().setLocation(0, 0);
			win.setLocation(10, 100);
			camWin.setLocation(560, 100);
			win.toFront();
		});
		Thread.sleep(1500);
		ImageCanvas c = imp.getCanvas();
		Point p = c.getLocationOnScreen();
		int cells = 0;
		for (Roi r : imp.getOverlay().toArray()) {
			if (TileAnnotator.ROLE.equals(r.getProperty(CamAnnotator.ROLE)) && r.getName().startsWith("tile ") && !r.getName().endsWith("label")) cells++;
		}
		System.out.println("CANVAS " + p.x + " " + p.y + " " + c.getWidth() + " " + c.getHeight());
		System.out.println("CELLS " + cells);
		System.out.println("IMAGES " + WindowManager.getImageCount());
		BufferedImage screen = new Robot().createScreenCapture(new Rectangle(0, 0, 1280, 900));
		ImageIO.write(screen, "png", new File(shot));
	}
}
