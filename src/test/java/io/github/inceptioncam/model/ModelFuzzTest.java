package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;
import io.github.inceptioncam.testing.TestModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jazzer fuzz targets for what reads model files: the ONNX inspection and CAM-ready rewrite, the
 * metadata sidecar and labels, the bioimage.io descriptor and .npy test tensors. Each target accepts
 * only the documented failures ({@link ModelException}, and {@code IllegalArgumentException} from
 * {@link Npy#read}) with a one-line message; anything else (another exception, an error, a hang past
 * the per-input timeout) is a finding. {@code mvn verify} replays the committed corpus in
 * {@code src/test/resources/io/github/inceptioncam/model/ModelFuzzTestInputs/<method>/};
 * {@code tools/fuzz/run.sh} fuzzes (docs/RELIABILITY.md).
 */
class ModelFuzzTest {
	/** A hang bound: an input that takes longer is a finding (libFuzzer -timeout when fuzzing). */
	static final int PER_INPUT_SECONDS = 10;

	/** A well-formed model whose graph the metadata target resolves against. */
	private static final OnnxGraph GOOD;
	private static final Path RDF_DIR;

	static {
		try {
			GOOD = new OnnxGraph(ModelProto.parseFrom(TestModels.build(TestModels.Head.GEMM_TORCH, 1).bytes()));
			RDF_DIR = Files.createTempDirectory("inception-cam-fuzz-rdf");
			RDF_DIR.toFile().deleteOnExit();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void oneLine(Exception e) {
		String m = e.getMessage();
		assertTrue(m != null && !m.isBlank(), "a message");
		assertFalse(m.contains("\n"), "one line: " + m);
	}

	/** ONNX bytes: inspection (parse, metadata, head search, shape probe) and the CAM-ready rewrite. */
	@FuzzTest(maxDuration = "30s")
	@Timeout(PER_INPUT_SECONDS)
	void onnxModel(byte[] bytes) {
		InceptionModel m;
		try {
			m = InceptionModel.fromBytes(bytes, "fuzz.onnx", null, null, null, null);
		} catch (ModelException e) {
			oneLine(e);
			return;
		}
		ByteBuffer rewritten = null;
		try {
			rewritten = m.camReadyBuffer();
			// the rewrite must still parse, with the logits among the outputs
			byte[] copy = new byte[rewritten.remaining()];
			rewritten.duplicate().get(copy);
			ModelProto p = ModelProto.parseFrom(copy);
			boolean hasLogits = false;
			for (var o : p.getGraph().getOutputList()) hasLogits |= o.getName().equals(m.head().logitsTensor());
			assertTrue(hasLogits, "the rewritten model returns the logits");
		} catch (ModelException e) {
			oneLine(e);
		} catch (com.google.protobuf.InvalidProtocolBufferException e) {
			throw new AssertionError("the rewritten model of a model that parsed does not parse", e);
		} finally {
			if (rewritten != null) ModelBytes.free(rewritten);
		}
	}

	/** A sidecar JSON and a labels text for a fixed good graph. */
	@FuzzTest(maxDuration = "30s")
	@Timeout(PER_INPUT_SECONDS)
	void sidecarAndLabels(FuzzedDataProvider data) {
		String labels = data.consumeBoolean() ? data.consumeString(200) : null;
		String sidecar = data.consumeRemainingAsString();
		try {
			ModelMetadata meta = MetadataResolver.resolve(GOOD, null, "fuzz.onnx", sidecar, labels);
			assertTrue(meta.channels() > 0 && meta.inputWidth() > 0 && meta.inputHeight() > 0, "a usable input shape");
		} catch (ModelException e) {
			oneLine(e);
		}
	}

	/** A bioimage.io descriptor (rdf.yaml through SnakeYAML), in a folder with nothing else. */
	@FuzzTest(maxDuration = "30s")
	@Timeout(PER_INPUT_SECONDS)
	void rdfYaml(byte[] yaml) throws IOException {
		Path rdf = RDF_DIR.resolve("rdf.yaml");
		Files.write(rdf, yaml);
		try {
			BioimagePackage.open(rdf);
		} catch (ModelException e) {
			oneLine(e);
		}
	}

	/** A .npy test tensor. */
	@FuzzTest(maxDuration = "30s")
	@Timeout(PER_INPUT_SECONDS)
	void npy(byte[] bytes) {
		try {
			Npy n = Npy.read(bytes);
			long count = 1;
			for (long d : n.shape) {
				assertTrue(d >= 0, "no negative dimension");
				count *= d;
			}
			assertTrue(count == n.data.length, "the shape holds the data");
		} catch (IllegalArgumentException e) {
			oneLine(e);
		}
	}
}
