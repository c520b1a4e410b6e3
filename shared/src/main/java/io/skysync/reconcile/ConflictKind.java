package io.skysync.reconcile;

/** Why both sides cannot simply be merged. Modify-vs-delete is not a conflict: the modification wins. */
public enum ConflictKind {
    /** Both sides changed a file they had in common to different contents. */
    MODIFY_MODIFY,
    /** Both sides created the path, with different contents, without having synced it before. */
    CREATE_CREATE
}
