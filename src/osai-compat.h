/* SPDX-License-Identifier: GPL-3.0-or-later */
/* osai-compat.h — the few places GTK 4.8/libadwaita 1.2 and newer differ
 *
 * Debian 12 ships GTK 4.8 and libadwaita 1.2; the GNOME runtime is newer.
 * Everything that needs a different API on each side lives behind these
 * functions, so the rest of the app is written once.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A save dialog: GtkFileDialog from GTK 4.10, GtkFileChooserNative below. */
void    osai_compat_save_file_async        (GtkWindow            *parent,
                                            const char           *title,
                                            GFile                *initial_folder,
                                            const char           *initial_name,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GFile  *osai_compat_save_file_finish       (GAsyncResult         *result,
                                            GError              **error);

/* Shows @file in its folder: GtkFileLauncher from GTK 4.10, the folder's
 * default handler below. */
void    osai_compat_open_containing_folder (GtkWindow            *parent,
                                            GFile                *file);

/* AdwAboutDialog from libadwaita 1.5, AdwAboutWindow below. */
void    osai_compat_show_about             (GtkWindow            *parent);

/* Names a list view row for screen readers: GtkListItem's accessible
 * label and description from GTK 4.12, the row widget itself below. */
void    osai_compat_list_item_set_accessible (GtkListItem        *list_item,
                                              const char         *label,
                                              const char         *description);

/* Names the icon buttons libadwaita builds into an entry row (the password
 * row's peek button, the apply button) after their tooltips, which follow
 * their state ("Show Text", "Hide Text").  GTK 4.8 names such a button after
 * its image: "GtkImage".  Call once, after the row is built. */
void    osai_compat_entry_row_name_buttons   (AdwEntryRow        *row);

/* Names the search entry libadwaita builds into a preferences window: from
 * libadwaita 1.5 after its placeholder, below that it has none and GTK 4.8
 * calls it "GtkSearchEntry".  Call once, after the window is built. */
void    osai_compat_preferences_window_name_search (AdwPreferencesWindow *window);

G_END_DECLS
