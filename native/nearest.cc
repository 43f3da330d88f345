// Native AVX2/FMA kernel for exact nearest-word search, built by node-gyp
// at `npm run build` when a C++ compiler is present. It reads the same
// memory layout as assembly/nearest.ts (groups of 8 rows, one float32 per
// row and dimension; queries padded to a multiple of 4; best lists sorted
// by descending score) and runs each call on its own thread.
#include <node_api.h>

#include <fcntl.h>
#include <immintrin.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace {

constexpr int kLanes = 8;
constexpr int kChunkGroups = 64;

struct Call {
  int32_t words, group_from, group_to, rows, dim, queries, query_count,
      capacity, best_scores, best_rows;
};

// Inserts (score, row) into one query's best list when it beats the worst
// kept entry. Rows arrive in increasing order, so a tie keeps the earlier.
void Insert(float score, int32_t row, int32_t rows, int32_t capacity,
            float* scores, int32_t* best_rows) {
  if (row >= rows) return;
  int i = capacity - 1;
  if (!(score > scores[i])) return;
  while (i > 0 && score > scores[i - 1]) {
    scores[i] = scores[i - 1];
    best_rows[i] = best_rows[i - 1];
    i--;
  }
  scores[i] = score;
  best_rows[i] = row;
}

__attribute__((target("avx2,fma"))) void Offer(__m256 sums, int32_t query,
                                               int32_t row, const Call& c,
                                               float* scores, int32_t* rows) {
  float* list = scores + static_cast<size_t>(query) * c.capacity;
  int32_t* list_rows = rows + static_cast<size_t>(query) * c.capacity;
  __m256 worst = _mm256_broadcast_ss(list + c.capacity - 1);
  if (_mm256_movemask_ps(_mm256_cmp_ps(sums, worst, _CMP_GT_OQ)) == 0) return;
  alignas(32) float lanes[kLanes];
  _mm256_store_ps(lanes, sums);
  for (int lane = 0; lane < kLanes; lane++) {
    Insert(lanes[lane], row + lane, c.rows, c.capacity, list, list_rows);
  }
}

// Scores 4 queries against groups [from, to), two groups at a time so
// eight independent accumulators hide the FMA latency.
__attribute__((target("avx2,fma"))) void ScoreBlock(uint8_t* base,
                                                    const Call& c, int32_t q,
                                                    int32_t from, int32_t to) {
  const size_t dim = c.dim;
  const float* words = reinterpret_cast<float*>(base + c.words);
  const float* q0 = reinterpret_cast<float*>(base + c.queries) + q * dim;
  const float* q1 = q0 + dim;
  const float* q2 = q1 + dim;
  const float* q3 = q2 + dim;
  float* scores = reinterpret_cast<float*>(base + c.best_scores);
  int32_t* rows = reinterpret_cast<int32_t*>(base + c.best_rows);
  const int32_t last = std::min(q + 3, c.query_count - 1);
  for (int32_t g = from; g < to; g += 2) {
    const bool pair = g + 1 < to;
    const float* w0 = words + static_cast<size_t>(g) * dim * kLanes;
    const float* w1 = pair ? w0 + dim * kLanes : w0;
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    __m256 b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    for (size_t d = 0; d < dim; d++) {
      const __m256 x = _mm256_loadu_ps(w0 + d * kLanes);
      const __m256 y = _mm256_loadu_ps(w1 + d * kLanes);
      __m256 s = _mm256_broadcast_ss(q0 + d);
      a0 = _mm256_fmadd_ps(s, x, a0);
      b0 = _mm256_fmadd_ps(s, y, b0);
      s = _mm256_broadcast_ss(q1 + d);
      a1 = _mm256_fmadd_ps(s, x, a1);
      b1 = _mm256_fmadd_ps(s, y, b1);
      s = _mm256_broadcast_ss(q2 + d);
      a2 = _mm256_fmadd_ps(s, x, a2);
      b2 = _mm256_fmadd_ps(s, y, b2);
      s = _mm256_broadcast_ss(q3 + d);
      a3 = _mm256_fmadd_ps(s, x, a3);
      b3 = _mm256_fmadd_ps(s, y, b3);
    }
    const __m256 a[4] = {a0, a1, a2, a3};
    const __m256 b[4] = {b0, b1, b2, b3};
    for (int32_t i = 0; q + i <= last; i++) {
      Offer(a[i], q + i, g * kLanes, c, scores, rows);
      if (pair) Offer(b[i], q + i, (g + 1) * kLanes, c, scores, rows);
    }
  }
}

void Search(uint8_t* base, const Call& c) {
  for (int32_t chunk = c.group_from; chunk < c.group_to;
       chunk += kChunkGroups) {
    const int32_t end = std::min(chunk + kChunkGroups, c.group_to);
    for (int32_t q = 0; q < c.query_count; q += 4) {
      ScoreBlock(base, c, q, chunk, end);
    }
  }
}

// searchCalls(memory: Uint8Array, calls: Int32Array (10 per call)): runs
// every call, each on its own thread, and returns when all are done.
napi_value SearchCalls(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  napi_typedarray_type type;
  size_t length;
  void* memory;
  void* calls_data;
  napi_value buffer;
  size_t offset;
  if (argc < 2 ||
      napi_get_typedarray_info(env, argv[0], &type, &length, &memory, &buffer,
                               &offset) != napi_ok ||
      napi_get_typedarray_info(env, argv[1], &type, &length, &calls_data,
                               &buffer, &offset) != napi_ok ||
      type != napi_int32_array || length % 10 != 0) {
    napi_throw_type_error(env, nullptr,
                          "searchCalls expects (Uint8Array, Int32Array)");
    return nullptr;
  }
  const Call* calls = static_cast<const Call*>(calls_data);
  const size_t count = length / 10;
  uint8_t* base = static_cast<uint8_t*>(memory);
  std::vector<std::thread> threads;
  for (size_t i = 1; i < count; i++) {
    threads.emplace_back(Search, base, calls[i]);
  }
  if (count > 0) Search(base, calls[0]);
  for (auto& thread : threads) thread.join();
  return nullptr;
}

napi_value Supported(napi_env env, napi_callback_info) {
  napi_value result;
  __builtin_cpu_init();
  napi_get_boolean(
      env, __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"),
      &result);
  return result;
}

void Unmap(napi_env, void* data, void* hint) {
  munmap(data, reinterpret_cast<size_t>(hint));
}

// mapFile(path: string): ArrayBuffer over a private copy-on-write mapping
// of the whole file, so a warm cache load costs no copy and the pages are
// read only when touched. The mapping is released when the buffer is
// garbage-collected.
napi_value MapFile(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  char path[4096];
  size_t length = 0;
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], path, sizeof path,
                                             &length) != napi_ok) {
    napi_throw_type_error(env, nullptr, "mapFile expects a path string");
    return nullptr;
  }
  const int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat info_stat;
  if (fd < 0 || fstat(fd, &info_stat) != 0 || info_stat.st_size == 0) {
    if (fd >= 0) close(fd);
    napi_throw_error(env, nullptr, "mapFile could not open a non-empty file");
    return nullptr;
  }
  const size_t size = static_cast<size_t>(info_stat.st_size);
  void* data = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  close(fd);
  if (data == MAP_FAILED) {
    napi_throw_error(env, nullptr, "mapFile: mmap failed");
    return nullptr;
  }
  napi_value buffer;
  if (napi_create_external_arraybuffer(env, data, size, Unmap,
                                       reinterpret_cast<void*>(size),
                                       &buffer) != napi_ok) {
    munmap(data, size);
    napi_throw_error(env, nullptr, "mapFile: external buffers are disabled");
    return nullptr;
  }
  return buffer;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_value fn;
  napi_create_function(env, "searchCalls", NAPI_AUTO_LENGTH, SearchCalls,
                       nullptr, &fn);
  napi_set_named_property(env, exports, "searchCalls", fn);
  napi_create_function(env, "supported", NAPI_AUTO_LENGTH, Supported, nullptr,
                       &fn);
  napi_set_named_property(env, exports, "supported", fn);
  napi_create_function(env, "mapFile", NAPI_AUTO_LENGTH, MapFile, nullptr,
                       &fn);
  napi_set_named_property(env, exports, "mapFile", fn);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
