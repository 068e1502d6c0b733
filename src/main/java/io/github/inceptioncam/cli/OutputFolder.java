package io.github.inceptioncam.cli;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.io.FileSaver;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.ResultsCsv;
import io.github.inceptioncam.imagej.CamAnnotator;
import io.github.inceptioncam.inference.CamResult;
import io.github.inceptioncam.inference.Classification;
import io.github.inceptioncam.model.InceptionModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --out} folder: results.csv appended per image, a JSON file and a CAM TIFF per image. */
final class OutputFolder {
	private final Path dir;
	private final Path csv;

	private OutputFolder(Path dir) {
		this.dir = dir;
		this.csv = dir.resolve("results.csv");
	}

	static OutputFolder open(Path dir) throws IOException {
		Files.createDirectories(dir);
		OutputFolder f = new OutputFolder(dir);
		ResultsCsv.create(f.csv);
		return f;
	}

	/** Writes one image's JSON file and CAM TIFF ({@code calibration} as the image's), then appends its CSV rows. */
	void write(Classification c, InceptionModel model, Calibration calibration) throws IOException {
		write(c, model, calibration, ResultJson.GSON.toJson(ResultJson.of(c, model)));
	}

	/** As {@link #write(Classification, InceptionModel, Calibration)}, with the image's JSON line already made. */
	void write(Classification c, InceptionModel model, Calibration calibration, String json) throws IOException {
		String base = ImageFiles.baseName(c.image());
		Files.write(dir.resolve(base + ".json"), json.getBytes(StandardCharsets.UTF_8));
		CamResult cam = c.cam();
		if (cam != null) {
			ImagePlus camImp = CamAnnotator.camImage(cam, calibration, base + "_cam");
			camImp.setProperty("Info", "CAM of class " + cam.classIndex() + " (" + cam.label() + "), raw values, model sha256 " + model.sha256());
			if (!new FileSaver(camImp).saveAsTiff(dir.resolve(base + "_cam.tif").toString())) {
				throw new IOException("could not save " + base + "_cam.tif");
			}
		}
		ResultsCsv.append(csv, c);
	}

	/**
	 * Tiles mode: the JSON file, {@code <name>_tiles.tif} (32-bit at window resolution: slice "class" the
	 * top-1 index, "probability" its probability, then one slice per class), {@code <name>_cam.tif} (the
	 * blended map, at {@code map_scale} image pixels per pixel) and the summary's CSV rows.
	 */
	void writeTiles(io.github.inceptioncam.inference.TileResult r, InceptionModel model, Calibration calibration, String json) throws IOException {
		Classification c = r.summary();
		String base = ImageFiles.baseName(c.image());
		Files.write(dir.resolve(base + ".json"), json.getBytes(StandardCharsets.UTF_8));
		io.github.inceptioncam.cam.TileAssembly a = r.assembly();
		ImagePlus tiles = TileImages.classImage(a, model.metadata(), calibration, base + "_tiles");
		tiles.setProperty("Info", "tile map of " + r.grid() + ", model sha256 " + model.sha256());
		if (!new FileSaver(tiles).saveAsTiffStack(dir.resolve(base + "_tiles.tif").toString())) throw new IOException("could not save " + base + "_tiles.tif");
		ImagePlus map = io.github.inceptioncam.imagej.TileAnnotator.mapImage(a, calibration, base + "_cam");
		if (map != null && !new FileSaver(map).saveAsTiff(dir.resolve(base + "_cam.tif").toString())) {
			throw new IOException("could not save " + base + "_cam.tif");
		}
		ResultsCsv.append(csv, c);
	}
}
