/*
 * Tool descriptions for tools/list: names, input and output JSON Schemas.
 * Kept as JSON text so they read like what clients receive.
 *
 * SPDX-License-Identifier: BSD-2-Clause-Patent
 */
#ifndef VMAFX_MCP_TOOL_SCHEMAS_H
#define VMAFX_MCP_TOOL_SCHEMAS_H

#define SCORES_SCHEMA \
    "\"scores\":{\"type\":\"object\",\"description\":\"Pooled (mean) score per model\"," \
    "\"additionalProperties\":{\"type\":[\"number\",\"null\"]}}," \
    "\"pooled\":{\"type\":\"object\",\"description\":\"mean/min/max/harmonic_mean per model\"}," \
    "\"frames\":{\"type\":\"integer\"},\"elapsed_s\":{\"type\":[\"number\",\"null\"]}," \
    "\"fps\":{\"type\":[\"number\",\"null\"]}"

#define MODEL_ARGS_SCHEMA \
    "\"model\":{\"type\":\"string\",\"description\":\"Model: a built-in version name " \
    "(vmaf_v0.6.1, see list_models) or the vmaf CLI's --model syntax " \
    "(version=NAME:name=KEY:disable_clip, or path=FILE inside the allowed roots)\"}," \
    "\"models\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"maxItems\":8," \
    "\"description\":\"Several models, each as in model\"}," \
    "\"threads\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":64," \
    "\"description\":\"Extraction threads (0: the calling thread)\"}"

static const char *const tool_schema_json[] = {
    "{\"name\":\"vmaf_score\",\"title\":\"Score a distorted video against its reference\","
    "\"description\":\"Computes VMAF (and optional extra features) for a reference/distorted "
    "pair of local files (.y4m, or raw planar .yuv with width/height/pixfmt/bitdepth). "
    "Paths must lie inside the server's allowed roots. Returns pooled scores and the libvmaf "
    "JSON report (per-frame metrics when per_frame is true). Sends progress notifications "
    "when the request carries a progressToken.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"reference\":{\"type\":\"string\",\"description\":\"Reference video path\"},"
    "\"distorted\":{\"type\":\"string\",\"description\":\"Distorted video path\"},"
    "\"ref\":{\"type\":\"string\",\"description\":\"Alias of reference\"},"
    "\"dis\":{\"type\":\"string\",\"description\":\"Alias of distorted\"},"
    "\"width\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":16384},"
    "\"height\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":16384},"
    "\"pixfmt\":{\"type\":[\"string\",\"integer\"],\"description\":\"420, 422 or 444 "
    "(yuv420p etc. also accepted)\"},"
    "\"bitdepth\":{\"type\":\"integer\",\"minimum\":8,\"maximum\":16},"
    MODEL_ARGS_SCHEMA ","
    "\"features\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"maxItems\":16,"
    "\"description\":\"Extra feature extractors, as the CLI's --feature (psnr, "
    "float_ssim=enable_db=true, ...; see list_features)\"},"
    "\"feature\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"maxItems\":16,"
    "\"description\":\"Alias of features\"},"
    "\"subsample\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":100000},"
    "\"frame_cnt\":{\"type\":\"integer\",\"minimum\":0,\"description\":\"Score at most this "
    "many frames (0: all)\"},"
    "\"per_frame\":{\"type\":\"boolean\",\"default\":false},"
    "\"backend\":{\"type\":\"string\",\"enum\":[\"auto\",\"cpu\"]}"
    "},\"additionalProperties\":false},"
    "\"outputSchema\":{\"type\":\"object\",\"properties\":{" SCORES_SCHEMA ","
    "\"report\":{\"type\":\"object\",\"description\":\"The libvmaf JSON report\"},"
    "\"input\":{\"type\":\"object\"},\"reference\":{\"type\":\"string\"},"
    "\"distorted\":{\"type\":\"string\"}},"
    "\"required\":[\"scores\",\"pooled\",\"frames\",\"report\"]},"
    "\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false}}",

    "{\"name\":\"list_models\",\"title\":\"List built-in models\","
    "\"description\":\"Lists the VMAF models built into the library.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false},"
    "\"outputSchema\":{\"type\":\"object\",\"properties\":{\"models\":{\"type\":\"array\","
    "\"items\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
    "\"builtin\":{\"type\":\"boolean\"}},\"required\":[\"name\"]}},"
    "\"default\":{\"type\":\"string\"}},\"required\":[\"models\",\"default\"]},"
    "\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false}}",

    "{\"name\":\"describe_model\",\"title\":\"Describe a model\","
    "\"description\":\"Loads a model (built-in name, or path= inside the allowed roots) and "
    "reports whether it is a collection and which report keys (features and scores) it "
    "produces, found by scoring a tiny built-in synthetic pair.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\","
    "\"description\":\"Built-in model name or a --model spec\"}},\"required\":[\"name\"],"
    "\"additionalProperties\":false},"
    "\"outputSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
    "\"kind\":{\"type\":\"string\",\"enum\":[\"model\",\"collection\"]},"
    "\"builtin\":{\"type\":\"boolean\"},\"score_key\":{\"type\":\"string\"},"
    "\"report_keys\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
    "\"required\":[\"name\",\"kind\",\"report_keys\"]},"
    "\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false}}",

    "{\"name\":\"list_features\",\"title\":\"List feature extractors\","
    "\"description\":\"Lists the feature extractor names this build provides (usable in "
    "vmaf_score's features).\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false},"
    "\"outputSchema\":{\"type\":\"object\",\"properties\":{\"features\":{\"type\":\"array\","
    "\"items\":{\"type\":\"string\"}}},\"required\":[\"features\"]},"
    "\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false}}",

    "{\"name\":\"vmaf_version\",\"title\":\"Version and build\","
    "\"description\":\"Library and server versions, protocol revisions, build options and "
    "the CPU's SIMD levels.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false},"
    "\"outputSchema\":{\"type\":\"object\",\"properties\":{\"version\":{\"type\":\"string\"},"
    "\"libvmaf_api\":{\"type\":\"string\"},\"report_version\":{\"type\":\"string\"},"
    "\"build\":{\"type\":\"object\"},\"simd\":{\"type\":\"object\"},"
    "\"server\":{\"type\":\"object\"}},\"required\":[\"version\",\"libvmaf_api\"]},"
    "\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false}}",

    "{\"name\":\"run_benchmark\",\"title\":\"Benchmark on a synthetic pair\","
    "\"description\":\"Scores a built-in deterministic synthetic pair (bounded: at most "
    "3840x2160 and 300 frames) and reports the speed. Sends progress notifications when "
    "the request carries a progressToken.\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{"
    "\"width\":{\"type\":\"integer\",\"minimum\":64,\"maximum\":3840,\"default\":576},"
    "\"height\":{\"type\":\"integer\",\"minimum\":64,\"maximum\":2160,\"default\":324},"
    "\"frames\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":300,\"default\":24},"
    MODEL_ARGS_SCHEMA "},\"additionalProperties\":false},"
    "\"outputSchema\":{\"type\":\"object\",\"properties\":{" SCORES_SCHEMA ","
    "\"synthetic\":{\"type\":\"object\"}},\"required\":[\"scores\",\"frames\",\"fps\"]},"
    "\"annotations\":{\"readOnlyHint\":true,\"openWorldHint\":false}}",
};

#endif /* VMAFX_MCP_TOOL_SCHEMAS_H */
