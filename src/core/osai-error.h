/* osai-error.h — the OSAI_ERROR domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OSAI_ERROR (osai_error_quark ())

/**
 * OsaiError:
 *
 * Every failure the core reports.  Each code maps to a translatable message
 * (osai_error_get_hint()) that tells a person what to do about it.
 */
typedef enum
{
  OSAI_ERROR_FAILED,              /* anything not covered below */
  OSAI_ERROR_INVALID_INPUT,       /* bad period, bad option: caught before sending */
  OSAI_ERROR_INSECURE_URL,        /* http:// to a host that is not loopback */
  OSAI_ERROR_INVALID_URL,         /* not an absolute http(s) URL */
  OSAI_ERROR_NETWORK,             /* could not reach the server at all */
  OSAI_ERROR_TLS,                 /* certificate not trusted */
  OSAI_ERROR_INVALID_TOKEN,       /* sign-in refused the access token (401/400) */
  OSAI_ERROR_NOT_AUTHORIZED,      /* still 401 after signing in again */
  OSAI_ERROR_RATE_LIMITED,        /* 429 after every retry */
  OSAI_ERROR_SERVER,              /* 5xx after every retry */
  OSAI_ERROR_BAD_REQUEST,         /* 400 from the API for a report request */
  OSAI_ERROR_NOT_FOUND,           /* 404: unknown report */
  OSAI_ERROR_REDIRECTED,          /* the API answered with a redirect */
  OSAI_ERROR_PROTOCOL,            /* answer not understood: bad JSON, missing field */
  OSAI_ERROR_REPORT_FAILED,       /* status 1 */
  OSAI_ERROR_UNKNOWN_STATUS,      /* a status other than -1, 0, 1 */
  OSAI_ERROR_TIMED_OUT,           /* the overall deadline passed */
  OSAI_ERROR_NO_DETAILED_REPORT,  /* a finished report without a path */
  OSAI_ERROR_LINK_EXPIRED,        /* storage link expired, even after refreshing it */
  OSAI_ERROR_STORAGE,             /* storage refused or failed the download */
  OSAI_ERROR_TRUNCATED,           /* body shorter than announced / not complete JSON */
  OSAI_ERROR_WRITE,               /* the local file could not be written */
} OsaiError;

GQuark       osai_error_quark     (void);

#define OSAI_HISTORY_ERROR (osai_history_error_quark ())

/**
 * OsaiHistoryError:
 *
 * Failures of the local history of reports (OsaiHistory).  A domain of its
 * own rather than more #OsaiError codes: the switches over #OsaiError in
 * the app and the CLI are built with -Wswitch-enum, and a history failure
 * is never a failure of the report itself.
 */
typedef enum
{
  OSAI_HISTORY_ERROR_CORRUPT,     /* an entry file could not be read; it was set aside */
  OSAI_HISTORY_ERROR_WRITE,       /* an entry could not be written; the store is unchanged */
  OSAI_HISTORY_ERROR_NOT_FOUND,   /* no entry has this ID */
  OSAI_HISTORY_ERROR_AMBIGUOUS,   /* several entries have this ID: add @host */
} OsaiHistoryError;

GQuark       osai_history_error_quark (void);
const char  *osai_error_get_hint  (const GError *error);
char        *osai_error_describe  (const GError *error);

const char *osai_error_network_reason (const GError *error);

/* Replaces *@error by a whole sentence, @format (one "%s": the old message),
 * so translators see the sentence rather than a prefix glued to a reason. */
#define OSAI_REWORD_ERROR(error, format)                                        \
  G_STMT_START {                                                                \
    GError *_osai_reworded = g_error_new ((error)->domain, (error)->code,        \
                                          format, (error)->message);            \
    g_clear_error (&(error));                                                   \
    (error) = _osai_reworded;                                                   \
  } G_STMT_END

G_END_DECLS
