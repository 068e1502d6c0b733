package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rdf.yaml alias bombs, recursive aliases, deep nesting and duplicate keys are refused with one line, quickly. */
class YamlBombTest {
	@TempDir
	Path dir;

	private String refused(String yaml) throws Exception {
		Path rdf = Files.writeString(dir.resolve("rdf.yaml"), yaml);
		ModelException e = assertThrows(ModelException.class, () -> BioimagePackage.open(rdf));
		assertTrue(e.getMessage().startsWith(rdf + ": "), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
		return e.getMessage();
	}

	@Test
	void aliasBombIsRefused() throws Exception {
		// 20 levels of two references each: 2^20 leaves if walked; 40 aliases, under SnakeYAML's default of 50
		StringBuilder y = new StringBuilder("format_version: 0.5.4\ntype: &l0 [x, x]\n");
		for (int i = 1; i <= 20; i++) y.append("k").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
		assertTrue(refused(y.toString()).contains("aliases"));
	}

	@Test
	void recursiveAliasAndDeepNestingAreRefused() throws Exception {
		refused("format_version: 0.5.4\nweights: &a {onnx: *a}\n");
		refused("format_version: 0.5.4\nweights: " + "[".repeat(200) + "]".repeat(200) + "\n");
	}

	@Test
	void duplicateKeysAreOneLineNotALoggerWarning() throws Exception {
		assertTrue(refused("format_version: 0.5.4\ntype: model\ntype: model\n").contains("duplicate key"));
	}
}
