package io.github.inceptioncam.imagej.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.imagej.ImageClassifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The macro keys of issue 10 (channels, all_channels, padding, pad_value, mask, rois), read as ImageJ's dialogs read them. */
class ImageKeysTest {
	@Test
	void keysAreReadAndAbsentCheckboxesAreFalse() {
		List<String> warnings = new ArrayList<>();
		ImageClassifier.Settings s = InceptionCamPlugin.settings("channels=2,1,1 all_channels padding=constant pad_value=12.5 mask rois", warnings::add);
		assertTrue(warnings.isEmpty(), warnings.toString());
		assertEquals("2,1,1", s.channels);
		assertTrue(s.allChannels && s.mask && s.rois);
		assertEquals("constant", s.padding);
		assertEquals(12.5, s.padValue, 0);
		ImageClassifier.Settings d = InceptionCamPlugin.settings("top=3", warnings::add);
		assertEquals("auto", d.channels);
		assertEquals("reflect", d.padding);
		assertFalse(d.allChannels || d.mask || d.rois);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InceptionCamPlugin.settings("padding=wrap", w -> { }));
		assertEquals("padding=wrap is not one of reflect, constant", e.getMessage());
	}
}
