//! The diesel table definitions, written to match both migration folders
//! (portable column types only: BigInt ids, Text, Integer, Bool, Timestamp).

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    admins (id) {
        id -> BigInt,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    events (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        venue -> Text,
        starts_at -> Nullable<Timestamp>,
        ends_at -> Nullable<Timestamp>,
        team_size_cap -> Integer,
        join_code -> Nullable<Text>,
        phase -> Text,
        late_pitches -> Bool,
        judging_open -> Bool,
        voting_open -> Bool,
        display_scene -> Nullable<Text>,
        now_presenting -> Nullable<BigInt>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        timer_duration_ms -> BigInt,
        timer_remaining_ms -> BigInt,
        timer_ends_at -> Nullable<Timestamp>,
        show_join_code -> Bool,
        voter_rule -> Text,
        voting_opened_at -> Nullable<Timestamp>,
        time_zone -> Text,
        approval -> Text,
        proposed_by -> Nullable<BigInt>,
        review_note -> Text,
    }
}

diesel::table! {
    schedule_items (id) {
        id -> BigInt,
        event_id -> BigInt,
        kind -> Text,
        label -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    people (id) {
        id -> BigInt,
        event_id -> BigInt,
        name -> Text,
        skills -> Text,
        role -> Text,
        token_hash -> Text,
        revoked -> Bool,
        scores_excluded -> Bool,
        created_at -> Timestamp,
        accepted_conduct_at -> Nullable<Timestamp>,
        local_organiser_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    projects (id) {
        id -> BigInt,
        event_id -> BigInt,
        pitcher_id -> BigInt,
        title -> Text,
        problem -> Text,
        skills_needed -> Text,
        status -> Text,
        merged_into -> Nullable<BigInt>,
        running_order -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    memberships (id) {
        id -> BigInt,
        event_id -> BigInt,
        project_id -> BigInt,
        person_id -> BigInt,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    submissions (id) {
        id -> BigInt,
        project_id -> BigInt,
        repo_url -> Text,
        forge -> Nullable<Text>,
        demo_url -> Nullable<Text>,
        slides_url -> Nullable<Text>,
        video_url -> Nullable<Text>,
        built -> Text,
        licence -> Text,
        keep_working -> Bool,
        late -> Bool,
        submitted_by -> Nullable<BigInt>,
        submitted_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    criteria (id) {
        id -> BigInt,
        event_id -> BigInt,
        name -> Text,
        description -> Text,
        weight -> Integer,
        scale_min -> Integer,
        scale_max -> Integer,
        position -> Integer,
    }
}

diesel::table! {
    conflicts (id) {
        id -> BigInt,
        judge_id -> BigInt,
        project_id -> BigInt,
        declared_at -> Timestamp,
    }
}

diesel::table! {
    scores (id) {
        id -> BigInt,
        event_id -> BigInt,
        judge_id -> BigInt,
        project_id -> BigInt,
        criterion_id -> BigInt,
        value -> Integer,
        updated_at -> Timestamp,
        entered_by -> Nullable<Text>,
    }
}

diesel::table! {
    judge_notes (id) {
        id -> BigInt,
        judge_id -> BigInt,
        project_id -> BigInt,
        notes -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    prizes (id) {
        id -> BigInt,
        event_id -> BigInt,
        name -> Text,
        description -> Text,
        kind -> Text,
        criteria -> Text,
        position -> Integer,
    }
}

diesel::table! {
    awards (id) {
        id -> BigInt,
        prize_id -> BigInt,
        project_id -> BigInt,
        place -> Integer,
        revealed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    votes (id) {
        id -> BigInt,
        event_id -> BigInt,
        person_id -> BigInt,
        project_id -> BigInt,
        updated_at -> Timestamp,
        voided -> Bool,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        event_id -> Nullable<BigInt>,
        actor_id -> Nullable<BigInt>,
        actor -> Text,
        action -> Text,
        detail -> Text,
        at -> Timestamp,
        project_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    session_endings (id) {
        id -> Integer,
        count -> BigInt,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        person_id -> Nullable<BigInt>,
        admin_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
        local_organiser_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    local_organisers (id) {
        id -> BigInt,
        name -> Text,
        email -> Nullable<Text>,
        token_hash -> Text,
        password_hash -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    announcements (id) {
        id -> BigInt,
        event_id -> BigInt,
        body -> Text,
        created_at -> Timestamp,
        cleared_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(schedule_items -> events (event_id));
diesel::joinable!(people -> events (event_id));
diesel::joinable!(projects -> people (pitcher_id));
diesel::joinable!(memberships -> projects (project_id));
diesel::joinable!(memberships -> people (person_id));
diesel::joinable!(submissions -> projects (project_id));
diesel::joinable!(judge_notes -> projects (project_id));
diesel::joinable!(conflicts -> projects (project_id));
diesel::joinable!(awards -> prizes (prize_id));

diesel::allow_tables_to_appear_in_same_query!(
    settings,
    admins,
    events,
    schedule_items,
    people,
    projects,
    memberships,
    submissions,
    criteria,
    conflicts,
    scores,
    judge_notes,
    prizes,
    awards,
    votes,
    audit_log,
    sessions,
    session_endings,
    announcements,
    local_organisers,
);
