package io.github.inceptioncam.image;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.Opener;
import ij.io.TiffDecoder;
import ij.measure.Calibration;
import io.github.inceptioncam.inference.ImageInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

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
		check(p);
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
		if (isPaletteFile(imp)) {
			// a colour-palette PNG (or BMP) holds colours: mark it indexed colour, as ImageJ does for GIFs,
			// so that its colours, not its palette indices, are classified
			imp.setTypeToColor256();
		}
		return imp;
	}

	/**
	 * Whether an 8-bit image is a colour-palette PNG, BMP or GIF as ImageJ opened it (colour LUT read from a file
	 * that ImageJ reads through ImageIO or as GIF/BMP): its pixels are palette indices, its colours are the image.
	 * A LUT the user applies to a grey image does not count (TIFFs and images made in ImageJ are never palettes here).
	 */
	public static boolean isPaletteFile(ImagePlus imp) {
		if (imp.getType() != ImagePlus.GRAY8 || !imp.getProcessor().isColorLut()) return false;
		FileInfo fi = imp.getOriginalFileInfo();
		return fi != null && (fi.fileFormat == FileInfo.IMAGEIO || fi.fileFormat == FileInfo.GIF_OR_JPG || fi.fileFormat == FileInfo.BMP);
	}

	/**
	 * Reads the first image of a file as model input planes: plain PNG and JPEG rasters straight from
	 * {@code javax.imageio} ({@link RasterDecoder}), everything else through ImageJ ({@link #open} and
	 * {@link ImageInputs#at}); both give the same planes.
	 *
	 * @throws IOException with a one-line reason when the file is missing or cannot be opened
	 * @throws IllegalArgumentException when the image cannot be a model input
	 */
	public static DecodedImage read(Path p, String name) throws IOException {
		long t0 = System.nanoTime();
		checkWholeSize(p);
		ImageInput in = RasterDecoder.read(p, name);
		Calibration cal;
		if (in != null) {
			cal = new Calibration();
		} else {
			ImagePlus imp = open(p);
			in = ImageInputs.at(imp, 1, 1, null, name);
			cal = imp.getCalibration();
		}
		return new DecodedImage(in, cal, (System.nanoTime() - t0) / 1e6);
	}

	/**
	 * Refuses a file whose header declares an image too large to classify whole ({@link ImageLimits}),
	 * reading only the header: nothing is decoded. Files whose header this cannot read pass (the
	 * decoder then reports them).
	 *
	 * @throws IOException with a one-line reason when the file is missing, unreadable or too large
	 */
	public static void checkWholeSize(Path p) throws IOException {
		check(p);
		long[] wh = headerSize(p);
		if (wh != null) {
			String why = ImageLimits.check(wh[0], wh[1]);
			if (why != null) throw new IOException(why);
		}
	}

	/** Width and height from the file's header without decoding its pixels (TIFF, PNG, JPEG, GIF, BMP), or null. */
	static long[] headerSize(Path p) {
		try {
			byte[] head = new byte[4];
			try (InputStream in = Files.newInputStream(p)) {
				if (in.readNBytes(head, 0, 4) < 4) return null;
			}
			boolean tiff = (head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
				|| (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42);
			if (head[0] == (byte) 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
				// the IHDR chunk's width and height, also when javax.imageio refuses them (0 x 0)
				byte[] ihdr = new byte[24];
				try (InputStream in = Files.newInputStream(p)) {
					if (in.readNBytes(ihdr, 0, 24) < 24) return null;
				}
				java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(ihdr);
				return new long[] {bb.getInt(16) & 0xffffffffL, bb.getInt(20) & 0xffffffffL};
			}
			if (tiff) {
				Path abs = p.toAbsolutePath();
				FileInfo[] info = new TiffDecoder(abs.getParent().toString() + java.io.File.separator, abs.getFileName().toString()).getTiffInfo();
				return info == null || info.length == 0 ? null : new long[] {info[0].width, info[0].height};
			}
			try (ImageInputStream iis = ImageIO.createImageInputStream(p.toFile())) {
				if (iis == null) return null;
				Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
				if (!readers.hasNext()) return null;
				ImageReader r = readers.next();
				try {
					r.setInput(iis, true, true);
					return new long[] {r.getWidth(0), r.getHeight(0)};
				} finally {
					r.dispose();
				}
			}
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	private static void check(Path p) throws IOException {
		if (!Files.exists(p)) throw new IOException("no such file");
		if (Files.isDirectory(p)) throw new IOException("is a folder");
		if (!Files.isRegularFile(p)) throw new IOException("is not a regular file (a pipe or a device)");
		if (!Files.isReadable(p)) throw new IOException("cannot be read (permissions)");
		if (Files.size(p) == 0) throw new IOException("the file is empty");
	}
}
