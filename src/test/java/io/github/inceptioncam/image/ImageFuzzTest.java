package io.github.inceptioncam.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import io.github.inceptioncam.inference.ImageInput;

/**
 * Jazzer fuzz targets for our own image readers: {@link PngDecoder} and {@link RasterDecoder} either
 * decode an image whose planes match its size, or return null (ImageJ then gets its chance and reports
 * its reason); they never throw, never allocate more than {@link ImageLimits} allows, never hang.
 * Corpus: {@code src/test/resources/io/github/inceptioncam/image/ImageFuzzTestInputs/<method>/}.
 */
class ImageFuzzTest {
	/** A hang bound: an input that takes longer is a finding (libFuzzer -timeout when fuzzing). */
	static final int PER_INPUT_SECONDS = 10;

	private static void wellFormed(ImageInput in) {
		if (in == null) return;
		assertTrue(in.width() > 0 && in.height() > 0, "a positive size");
		assertTrue(ImageLimits.check(in.width(), in.height()) == null, "within the size limit");
		for (int c = 0; c < in.channels(); c++) assertEquals((long) in.width() * in.height(), in.plane(c).length, "plane size");
	}

	@FuzzTest(maxDuration = "30s")
	@Timeout(PER_INPUT_SECONDS)
	void png(byte[] bytes) {
		wellFormed(PngDecoder.decode(bytes, "fuzz.png"));
	}

	@FuzzTest(maxDuration = "30s")
	@Timeout(PER_INPUT_SECONDS)
	void raster(byte[] bytes) {
		wellFormed(RasterDecoder.decode(bytes, "fuzz.png"));
	}
}
