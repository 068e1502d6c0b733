package io.github.inceptioncam.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.ImageRoi;
import io.github.inceptioncam.image.ResultsCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

class BatchClassifyTest {
	static Context context;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		context = new Context(CommandService.class, org.scijava.app.StatusService.class, org.scijava.log.LogService.class);
	}

	@AfterAll
	static void stop() {
		context.dispose();
	}

	Path input() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		for (String n : new String[] {"field_00000.tif", "field_00001.tif", "field_00002.tif", "field_00003.tif"}) {
			Files.copy(Paths.get("sample-images", n), in.resolve(n));
		}
		Files.write(in.resolve("field_broken.tif"), "not a tiff".getBytes(StandardCharsets.UTF_8));
		Files.write(in.resolve("notes.txt"), "ignored by the pattern".getBytes(StandardCharsets.UTF_8));
		return in;
	}

	@Test
	void folderIsWrittenImageByImageAndResumes() throws Exception {
		Path in = input(), out = dir.resolve("out");
		CommandService cs = context.service(CommandService.class);
		CommandModule m = cs.run(BatchClassifyCommand.class, true, "input", in.toFile(), "pattern", "*.tif", "output", out.toFile(),
			"model", "", "device", "cpu", "top", 2, "cam_image", true).get();
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertTrue(((String) m.getOutput("summary")).startsWith("4 classified, 0 already done, 1 failed of 5 files in "), (String) m.getOutput("summary"));
		List<String> errors = Files.readAllLines(out.resolve(FolderClassifier.ERRORS_CSV));
		assertEquals(2, errors.size(), String.join("\n", errors));
		assertEquals("image,error", errors.get(0));
		assertTrue(errors.get(1).startsWith("field_broken.tif,"), errors.get(1));
		List<String> csv = Files.readAllLines(out.resolve("results.csv"));
		assertEquals(ResultsCsv.HEADER, csv.get(0));
		assertEquals(1 + 4 * 2, csv.size());
		assertTrue(csv.get(1).startsWith("field_00000.tif,1,3,binucleated,"), csv.get(1));
		ImagePlus annotated = IJ.openImage(out.resolve("field_00003.tif").toString());
		assertNotNull(annotated.getOverlay(), "the overlay is saved in the TIFF");
		assertTrue(annotated.getOverlay().get(0) instanceof ImageRoi);
		assertTrue(((ImageRoi) annotated.getOverlay().get(0)).getZeroTransparent(), "the overlay stays masked by the map in the TIFF");
		// ImageJ's TIFF keeps an image ROI's properties, not its name: the role and the name travel as properties
		assertEquals("CAM mitosis", CamAnnotator.nameOf(annotated.getOverlay().get(0)));
		assertEquals("overlay", annotated.getOverlay().get(0).getProperty(CamAnnotator.ROLE));
		assertEquals("box", annotated.getOverlay().get(1).getProperty(CamAnnotator.ROLE));
		assertTrue(annotated.getOverlay().get(1).getName().startsWith("mitosis "));
		assertEquals(32, IJ.openImage(out.resolve("field_00003_cam.tif").toString()).getBitDepth());
		// a second run skips what is done
		CommandModule again = cs.run(BatchClassifyCommand.class, true, "input", in.toFile(), "pattern", "*.tif", "output", out.toFile(),
			"model", "", "device", "cpu", "top", 2, "cam_image", false).get();
		assertTrue(((String) again.getOutput("summary")).startsWith("0 classified, 4 already done, 1 failed of 5 files"), (String) again.getOutput("summary"));
		assertEquals(1 + 4 * 2, Files.readAllLines(out.resolve("results.csv")).size());
	}

	@Test
	void resumeRedoesImagesOfOtherSettingsOrWithCutRowsLikeTheCommandLine() throws Exception {
		Path in = input(), out = dir.resolve("out");
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.device = "cpu";
		s.top = 2;
		FolderClassifier.Summary first = new FolderClassifier(s, (i, n) -> { }, x -> { }, x -> { }, () -> false).run(in, "field_0000*.tif", out);
		assertEquals(4, first.done);
		Path csv = out.resolve("results.csv");
		s.top = 3;
		FolderClassifier.Summary changed = new FolderClassifier(s, (i, n) -> { }, x -> { }, x -> { }, () -> false).run(in, "field_0000*.tif", out);
		assertEquals(4, changed.done, "another top is other settings: every image redone");
		assertEquals(0, changed.skipped);
		List<String> rows = Files.readAllLines(csv);
		assertEquals(1 + 4 * 3, rows.size(), "the rows of the old settings are replaced");
		// the last image's last row lost (a run killed mid-write): that image alone is redone
		Files.write(csv, (String.join("\n", rows.subList(0, rows.size() - 1)) + "\n").getBytes(StandardCharsets.UTF_8));
		FolderClassifier.Summary cut = new FolderClassifier(s, (i, n) -> { }, x -> { }, x -> { }, () -> false).run(in, "field_0000*.tif", out);
		assertEquals(1, cut.done, cut.toString());
		assertEquals(3, cut.skipped, cut.toString());
		assertEquals(rows.stream().sorted().collect(java.util.stream.Collectors.toList()),
			Files.readAllLines(csv).stream().sorted().collect(java.util.stream.Collectors.toList()));
	}

	@Test
	void cancelKeepsWhatWasWritten() throws Exception {
		Path in = input(), out = dir.resolve("out");
		AtomicInteger calls = new AtomicInteger();
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.device = "cpu";
		s.top = 1;
		FolderClassifier f = new FolderClassifier(s, (i, n) -> { }, x -> { }, x -> { }, () -> calls.incrementAndGet() > 4);
		FolderClassifier.Summary sum = f.run(in, "field_0000*.tif", out);
		assertTrue(sum.canceled);
		assertTrue(sum.done >= 1 && sum.done < 4, sum.toString());
		Set<String> written = ResultsCsv.images(out.resolve("results.csv"));
		assertEquals(sum.done, written.size());
		for (String n : written) assertTrue(Files.exists(out.resolve(n)), n);
	}

	@Test
	void statusReadsNOfNameAndTheSummaryTableCountsEverything() throws Exception {
		Path in = input(), out = dir.resolve("out");
		List<String> status = new java.util.ArrayList<>();
		ImageClassifier.Settings s = new ImageClassifier.Settings();
		s.device = "cpu";
		s.top = 1;
		FolderClassifier.Summary sum = new FolderClassifier(s, (i, n) -> { }, status::add, x -> { }, () -> false).run(in, "*.tif", out);
		assertTrue(status.contains("1/5 field_00000.tif") && status.contains("5/5 field_broken.tif"), status.toString());
		ij.measure.ResultsTable rt = sum.table();
		assertEquals(1, rt.size());
		assertEquals(5, (int) rt.getValue("files", 0));
		assertEquals(4, (int) rt.getValue("done", 0));
		assertEquals(1, (int) rt.getValue("failed", 0));
		assertEquals(0, (int) rt.getValue("skipped", 0));
		assertTrue(rt.getValue("time_s", 0) > 0);
		assertEquals(out.resolve(FolderClassifier.ERRORS_CSV).toString(), rt.getStringValue("errors", 0));
	}
}
