package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CUDA provider options for throughput, checked without a GPU. */
class CudaOptionsTest {
	@Test
	void throughputOptionsAreExactlyTheseFour() {
		Map<String, String> m = CudaOptions.throughput(0);
		assertEquals(Map.of("device_id", "0", "cudnn_conv_algo_search", "HEURISTIC", "arena_extend_strategy", "kSameAsRequested",
			"do_copy_in_default_stream", "1"), m);
		assertEquals(List.of("device_id", "cudnn_conv_algo_search", "arena_extend_strategy", "do_copy_in_default_stream"), new ArrayList<>(m.keySet()));
	}

	@Test
	void deviceIdIsPassedOnAndCheckedAndTheMapIsReadOnly() {
		assertEquals("3", CudaOptions.throughput(3).get("device_id"));
		assertThrows(IllegalArgumentException.class, () -> CudaOptions.throughput(-1));
		assertThrows(UnsupportedOperationException.class, () -> CudaOptions.throughput(0).put("x", "y"));
	}
}
