package io.github.inceptioncam.imagej.ij1;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts ImageJ 1.x with the plugin's {@code plugins.config} entries in its menus (without installing
 * anything into an ImageJ folder) and opens the given images.
 */
public final class ImageJLauncher {
	private static final Pattern LINE = Pattern.compile("^\\s*([^,#]+),\\s*\"([^\"]+)\",\\s*(\\S.*)$");

	private ImageJLauncher() {}

	/** The (menu path, command class with argument) pairs of our plugins.config. */
	static List<String[]> entries() throws IOException {
		List<String[]> out = new ArrayList<>();
		try (InputStream in = ImageJLauncher.class.getResourceAsStream("/plugins.config")) {
			if (in == null) return out;
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line; (line = r.readLine()) != null;) {
				Matcher m = LINE.matcher(line);
				if (m.matches()) out.add(new String[] {m.group(1).trim() + ">" + m.group(2), m.group(3).trim()});
			}
		}
		return out;
	}

	/** Opens ImageJ 1.x and the images; returns the ImageJ instance. */
	public static ImageJ launch(List<String> images) throws IOException {
		return launch(images, true);
	}

	/**
	 * Starts ImageJ 1.x (its main window shown or not) with our menu entries, then opens the images.
	 */
	public static ImageJ launch(List<String> images, boolean showMainWindow) throws IOException {
		ImageJ ij = IJ.getInstance() != null ? IJ.getInstance() : new ImageJ(showMainWindow ? ImageJ.STANDALONE : ImageJ.NO_SHOW);
		for (String[] e : entries()) {
			if (Menus.getCommands() == null || !Menus.getCommands().containsKey(e[0].substring(e[0].lastIndexOf('>') + 1))) {
				Menus.add(e[0], e[1]);
			}
		}
		for (String path : images) {
			ImagePlus imp = IJ.openImage(path);
			if (imp == null) IJ.log("Inception CAM: cannot open " + path);
			else imp.show();
		}
		return ij;
	}
}
