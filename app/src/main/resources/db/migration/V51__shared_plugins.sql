-- Issue 14: plugins the same on every node. One row per plugin an admin installed or enabled/disabled while Parley
-- ran. archive: the uploaded archive (file_name as uploaded); null for a plugin that comes with every node's plugins
-- folder (only its enabled state is shared). revision grows with every change: each node polls the revisions and
-- applies what changed (writes the archive into its plugins folder and loads it, starts or stops the plugin).
create table shared_plugin (
    plugin_id       varchar(100)  primary key,
    file_name       varchar(130),
    archive         bytea,
    enabled         boolean       not null,
    revision        bigint        not null,
    changed_at      timestamp(6) with time zone not null
);
