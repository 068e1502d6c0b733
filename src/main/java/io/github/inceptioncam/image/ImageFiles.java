package io.github.inceptioncam.image;

import ij.IJ;
import ij.ImagePlus;
import ij.io.Opener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds image files in the command-line inputs and opens them with ImageJ 1.x, headless. */
public final class ImageFiles {
	/** Extensions taken from folders; a file named explicitly is tried whatever its name. */
	public static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "png", "jpg", "jpeg", "gif", "bmp", "pgm", "fits", "fit", "dcm", "zip");

	private ImageFiles() {}

	/** Expands folders (not recursively) into their image files, sorted by name; files stay as given. */
	public static List<Path> expand(List<Path> inputs) throws IOException {
		List<Path> out = new ArrayList<>();
		for (Path p : inputs) {
			if (Files.isDirectory(p)) {
				try (Stream<Path> s = Files.list(p)) {
					out.addAll(s.filter(Files::isRegularFile).filter(ImageFiles::isImageName).sorted().collect(Collectors.toList()));
				}
			} else {
				out.add(p);
			}
		}
		return out;
	}

	/** File name without its last extension ("a/b/field_01.tif" -> "field_01"). */
	public static String baseName(String path) {
		String n = Path.of(path).getFileName().toString();
		int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}

	public static boolean isImageName(Path p) {
		String n = p.getFileName().toString();
		if (n.startsWith(".")) return false;
		int dot = n.lastIndexOf('.');
		return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	/**
	 * Opens an image file.
	 *
	 * @throws IOException with a one-line reason when the file is missing or ImageJ cannot open it
	 */
	public static ImagePlus open(Path p) throws IOException {
		if (!Files.exists(p)) throw new IOException("no such file");
		if (Files.isDirectory(p)) throw new IOException("is a folder");
		if (!Files.isReadable(p)) throw new IOException("cannot be read (permissions)");
		if (Files.size(p) == 0) throw new IOException("the file is empty");
		ImagePlus imp;
		try {
			IJ.redirectErrorMessages();
			Opener opener = new Opener();
			opener.setSilentMode(true);
			imp = opener.openImage(p.toAbsolutePath().toString());
		} catch (RuntimeException | OutOfMemoryError e) {
			throw new IOException("ImageJ cannot open it (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
		}
		if (imp == null || imp.getWidth() == 0 || imp.getStackSize() == 0) {
			throw new IOException("not an image ImageJ can open (TIFF, PNG, JPEG, ...) or the file is damaged");
		}
		return imp;
	}
}
