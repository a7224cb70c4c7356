/*
 * The revert plugin in C, as an N-API addon (plain C against node_api.h), built
 * by node-gyp into build/Release/revert.node. Text is read as UTF-16 (the
 * engine's own string encoding) into a buffer, reversed by code point in place,
 * and handed back as a new string. Failures are thrown as errors whose `code` is
 * the contract's error code.
 */
#include <node_api.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IS_HIGH(u) ((u) >= 0xD800 && (u) <= 0xDBFF)
#define IS_LOW(u) ((u) >= 0xDC00 && (u) <= 0xDFFF)

/* Throws PLUGIN_ERROR for a failed N-API call, unless an exception is already pending. */
static void throw_napi_failure(napi_env env) {
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return;
  const napi_extended_error_info *info = NULL;
  napi_get_last_error_info(env, &info);
  napi_throw_error(env, "PLUGIN_ERROR", info && info->error_message ? info->error_message : "N-API call failed");
}

#define CHECK(env, call)          \
  do {                            \
    if ((call) != napi_ok) {      \
      throw_napi_failure(env);    \
      return NULL;                \
    }                             \
  } while (0)

static long find_lone_surrogate(const char16_t *text, size_t units) {
  for (size_t i = 0; i < units; i++) {
    if (IS_HIGH(text[i])) {
      if (i + 1 < units && IS_LOW(text[i + 1])) {
        i++;
        continue;
      }
      return (long)i;
    }
    if (IS_LOW(text[i])) return (long)i;
  }
  return -1;
}

/* Reverses by code point in place: reverse the units, then restore each surrogate pair's order. */
static void reverse_in_place(char16_t *text, size_t units) {
  if (units == 0) return;
  for (size_t i = 0, j = units - 1; i < j; i++, j--) {
    char16_t unit = text[i];
    text[i] = text[j];
    text[j] = unit;
  }
  for (size_t k = 0; k + 1 < units; k++) {
    if (IS_LOW(text[k]) && IS_HIGH(text[k + 1])) {
      char16_t low = text[k];
      text[k] = text[k + 1];
      text[k + 1] = low;
      k++;
    }
  }
}

/*
 * Copies a JS string into a new UTF-16 buffer that the caller frees. Throws
 * INVALID_INPUT (and returns NULL) for a non-string or a lone surrogate.
 */
static char16_t *read_text(napi_env env, napi_value value, size_t *units) {
  napi_valuetype type;
  CHECK(env, napi_typeof(env, value, &type));
  if (type != napi_string) {
    napi_throw_error(env, "INVALID_INPUT", "text must be a string");
    return NULL;
  }
  size_t length = 0;
  CHECK(env, napi_get_value_string_utf16(env, value, NULL, 0, &length));
  char16_t *text = malloc((length + 1) * sizeof(char16_t));
  if (!text) {
    napi_throw_error(env, "PLUGIN_ERROR", "out of memory");
    return NULL;
  }
  if (napi_get_value_string_utf16(env, value, text, length + 1, &length) != napi_ok) {
    free(text);
    throw_napi_failure(env);
    return NULL;
  }
  long bad = find_lone_surrogate(text, length);
  if (bad >= 0) {
    char message[96];
    snprintf(message, sizeof message, "text is not well-formed Unicode: lone surrogate at index %ld", bad);
    free(text);
    napi_throw_error(env, "INVALID_INPUT", message);
    return NULL;
  }
  *units = length;
  return text;
}

/* The text of a JS string, reversed by code point, in a buffer the caller frees (NULL after throwing). */
static char16_t *read_reversed(napi_env env, napi_value value, size_t *units) {
  char16_t *text = read_text(env, value, units);
  if (text) reverse_in_place(text, *units);
  return text;
}

/* revert(text): the reversed text. */
static napi_value revert(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc < 1) {
    napi_throw_error(env, "INVALID_INPUT", "revert takes one argument (text)");
    return NULL;
  }
  size_t units = 0;
  char16_t *text = read_reversed(env, argv[0], &units);
  if (!text) return NULL;
  napi_value result;
  napi_status status = napi_create_string_utf16(env, text, units, &result);
  free(text);
  CHECK(env, status);
  return result;
}

/* What revertWithPrefix keeps while the host looks up the prefix. */
typedef struct {
  napi_deferred deferred;
  char16_t *reversed;
  size_t units;
} PrefixCall;

static void prefix_call_free(PrefixCall *call) {
  free(call->reversed);
  free(call);
}

/* Rejects the call's promise with an error carrying `code`. */
static void reject_with(napi_env env, napi_deferred deferred, const char *code_text, const char *message_text) {
  napi_value error, code, message;
  napi_create_string_utf8(env, code_text, NAPI_AUTO_LENGTH, &code);
  napi_create_string_utf8(env, message_text, NAPI_AUTO_LENGTH, &message);
  napi_create_error(env, code, message, &error);
  napi_reject_deferred(env, deferred, error);
}

/* The host answered getConfig("prefix"): resolve with prefix + reversed text (anything but a string means no prefix). */
static napi_value on_prefix(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  PrefixCall *call = NULL;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&call));
  napi_valuetype type = napi_undefined;
  if (argc > 0) napi_typeof(env, argv[0], &type);
  size_t prefix_units = 0;
  if (type == napi_string) napi_get_value_string_utf16(env, argv[0], NULL, 0, &prefix_units);
  char16_t *answer = malloc((prefix_units + call->units + 1) * sizeof(char16_t));
  napi_value result;
  if (!answer) {
    reject_with(env, call->deferred, "PLUGIN_ERROR", "out of memory");
  } else {
    if (prefix_units > 0) napi_get_value_string_utf16(env, argv[0], answer, prefix_units + 1, &prefix_units);
    memcpy(answer + prefix_units, call->reversed, call->units * sizeof(char16_t));
    if (napi_create_string_utf16(env, answer, prefix_units + call->units, &result) == napi_ok) {
      napi_resolve_deferred(env, call->deferred, result);
    } else {
      reject_with(env, call->deferred, "PLUGIN_ERROR", "could not create the answer string");
    }
    free(answer);
  }
  prefix_call_free(call);
  return NULL;
}

/* The host function failed: reject with its error, which keeps its code. */
static napi_value on_host_error(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  PrefixCall *call = NULL;
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, (void **)&call));
  napi_value reason = argv[0];
  if (argc < 1) napi_get_undefined(env, &reason);
  napi_reject_deferred(env, call->deferred, reason);
  prefix_call_free(call);
  return NULL;
}

/*
 * revertWithPrefix(text, host): calls host("getConfig", "prefix"), a JS function
 * the caller passes in, and returns a promise of prefix + reversed text. The
 * host function answers with a promise, so the addon continues in `then`.
 */
static napi_value revert_with_prefix(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  napi_valuetype host_type = napi_undefined;
  if (argc == 2) napi_typeof(env, argv[1], &host_type);
  if (host_type != napi_function) {
    napi_throw_error(env, "INVALID_INPUT", "revertWithPrefix takes (text, host function)");
    return NULL;
  }
  size_t units = 0;
  char16_t *text = read_reversed(env, argv[0], &units);
  if (!text) return NULL;

  PrefixCall *call = malloc(sizeof *call);
  if (!call) {
    free(text);
    napi_throw_error(env, "PLUGIN_ERROR", "out of memory");
    return NULL;
  }
  call->reversed = text;
  call->units = units;
  napi_value promise;
  if (napi_create_promise(env, &call->deferred, &promise) != napi_ok) {
    prefix_call_free(call);
    throw_napi_failure(env);
    return NULL;
  }

  napi_value args[2], undefined, answer;
  napi_create_string_utf8(env, "getConfig", NAPI_AUTO_LENGTH, &args[0]);
  napi_create_string_utf8(env, "prefix", NAPI_AUTO_LENGTH, &args[1]);
  napi_get_undefined(env, &undefined);
  if (napi_call_function(env, undefined, argv[1], 2, args, &answer) != napi_ok) {
    napi_value error;
    napi_get_and_clear_last_exception(env, &error);
    napi_reject_deferred(env, call->deferred, error);
    prefix_call_free(call);
    return promise;
  }
  bool is_promise = false;
  napi_is_promise(env, answer, &is_promise);
  if (!is_promise) {
    /* A plain value: continue at once, as if a promise had resolved with it. */
    napi_value on_answer;
    napi_create_function(env, "onPrefix", NAPI_AUTO_LENGTH, on_prefix, call, &on_answer);
    napi_value ignored;
    napi_call_function(env, undefined, on_answer, 1, &answer, &ignored);
    return promise;
  }
  napi_value then, handlers[2], ignored;
  napi_create_function(env, "onPrefix", NAPI_AUTO_LENGTH, on_prefix, call, &handlers[0]);
  napi_create_function(env, "onHostError", NAPI_AUTO_LENGTH, on_host_error, call, &handlers[1]);
  napi_get_named_property(env, answer, "then", &then);
  napi_call_function(env, answer, then, 2, handlers, &ignored);
  return promise;
}

static napi_value exit_plugin(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value undefined;
  napi_get_undefined(env, &undefined);
  return undefined;
}

/* fault:hang: a loop no one on the host's thread can interrupt. */
static napi_value hang(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
  volatile int spinning = 1;
  while (spinning) {
  }
  return NULL;
}

/* fault:throw */
static napi_value throw_fault(napi_env env, napi_callback_info info) {
  (void)info;
  napi_throw_error(env, NULL, "fault injected by request");
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor methods[] = {
      {"revert", NULL, revert, NULL, NULL, NULL, napi_enumerable, NULL},
      {"revertWithPrefix", NULL, revert_with_prefix, NULL, NULL, NULL, napi_enumerable, NULL},
      {"exit", NULL, exit_plugin, NULL, NULL, NULL, napi_enumerable, NULL},
      {"hang", NULL, hang, NULL, NULL, NULL, napi_enumerable, NULL},
      {"throwFault", NULL, throw_fault, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods) != napi_ok) return NULL;
  return exports;
}
