-- Trips pushed as two events (streams/rides.yml of the Ingest service: a trip's start, then its end). The
-- end is the ride (table ride: it ends at `at` and started duration_s before); the start is kept here, and
-- its station and position become the ride's start, whichever of the two is loaded first: a ride inserted
-- after its start takes them in a BEFORE INSERT trigger (also on the loader's INSERT ... ON CONFLICT, whose
-- EXCLUDED row is the one the trigger returned), a start loaded after its ride fills them in one UPDATE per
-- statement. A ride that already has a start station (a whole trip pushed as one event) is left as it is.
CREATE TABLE ride_start (
    ride_id      text PRIMARY KEY,
    vehicle_id   text,
    started_at   timestamptz NOT NULL,
    station_id   text,
    lat          double precision,
    lon          double precision,
    event_id     text NOT NULL,
    received_at  timestamptz NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION ride_takes_its_start() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NEW.start_station_id IS NULL AND NEW.start_lat IS NULL AND NEW.start_lon IS NULL THEN
        SELECT s.station_id, s.lat, s.lon INTO NEW.start_station_id, NEW.start_lat, NEW.start_lon
        FROM ride_start s WHERE s.ride_id = NEW.ride_id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER ride_takes_its_start BEFORE INSERT ON ride
    FOR EACH ROW EXECUTE FUNCTION ride_takes_its_start();

CREATE FUNCTION ride_start_reaches_its_ride() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE ride r SET start_station_id = s.station_id, start_lat = s.lat, start_lon = s.lon
    FROM new_rows s
    WHERE r.ride_id = s.ride_id AND r.start_station_id IS NULL AND r.start_lat IS NULL AND r.start_lon IS NULL
      AND (s.station_id IS NOT NULL OR s.lat IS NOT NULL OR s.lon IS NOT NULL);
    RETURN NULL;
END $$;

CREATE TRIGGER ride_start_inserted AFTER INSERT ON ride_start
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ride_start_reaches_its_ride();
CREATE TRIGGER ride_start_updated AFTER UPDATE ON ride_start
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ride_start_reaches_its_ride();
