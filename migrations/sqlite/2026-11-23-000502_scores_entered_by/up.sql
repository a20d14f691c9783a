-- Scores typed in by an organiser from a judge's paper sheet: who typed
-- them (the organiser's name and role), so results can show the mark.
-- NULL for scores the judge entered themselves.
ALTER TABLE scores ADD COLUMN entered_by TEXT;
