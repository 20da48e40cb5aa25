using HybridOrders.Domain.Locations;
using HybridOrders.Domain.Routing;
using NodaTime;

namespace HybridOrders.Domain.Tests;

public class PickupDeadlineTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    // Monday to Saturday 10:00–20:00, closed on Sunday.
    private static readonly OpeningHours[] WeekdaysAndSaturday =
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday }
            .Select(d => new OpeningHours(d, new LocalTime(10, 0), new LocalTime(20, 0))).ToArray();

    [Fact]
    public void Deadline_is_closing_time_on_the_day_pickup_days_later_in_store_time()
    {
        // Ready Monday 2026-11-23 11:00 CET; three days later is Thursday, closing 20:00 CET = 19:00 UTC.
        var deadline = PickupDeadline.For(Instant.FromUtc(2026, 11, 23, 10, 0), 3, Berlin, WeekdaysAndSaturday);
        deadline.ShouldBe(Instant.FromUtc(2026, 11, 26, 19, 0));
    }

    [Fact]
    public void A_closed_day_moves_the_deadline_to_the_next_opening_day_and_a_dst_change_keeps_it_at_local_closing_time()
    {
        // Ready Thursday 2026-10-22 14:00 CEST (UTC+2). +3 days = Sunday 25 October: closed, and the day clocks go back.
        // The deadline is Monday 26 October 20:00 CET (UTC+1) = 19:00 UTC, not 18:00 UTC as the old offset would give.
        var deadline = PickupDeadline.For(Instant.FromUtc(2026, 10, 22, 12, 0), 3, Berlin, WeekdaysAndSaturday);
        deadline.ShouldBe(Instant.FromUtc(2026, 10, 26, 19, 0));
        deadline.InZone(Berlin).LocalDateTime.ShouldBe(new LocalDateTime(2026, 10, 26, 20, 0));
    }

    [Fact]
    public void The_local_day_counts_not_the_utc_day()
    {
        // 23:30 UTC on Friday 2026-11-27 is already Saturday 00:30 in Berlin: +1 day = Sunday (closed) → Monday 30 November 20:00 CET.
        PickupDeadline.For(Instant.FromUtc(2026, 11, 27, 23, 30), 1, Berlin, WeekdaysAndSaturday)
            .ShouldBe(Instant.FromUtc(2026, 11, 30, 19, 0));
    }

    [Fact]
    public void A_closing_time_skipped_by_the_spring_change_resolves_to_the_same_moment_after_the_gap()
    {
        // On 2026-03-29 Berlin skips 02:00–03:00. A (night) store closing at 02:30 that day closes at 03:30 CEST = 01:30 UTC.
        var hours = new[] { new OpeningHours(IsoDayOfWeek.Sunday, new LocalTime(0, 0), new LocalTime(2, 30)) };
        PickupDeadline.For(Instant.FromUtc(2026, 3, 26, 12, 0), 3, Berlin, hours).ShouldBe(Instant.FromUtc(2026, 3, 29, 1, 30));
    }

    [Fact]
    public void A_store_without_opening_hours_closes_at_local_midnight() =>
        PickupDeadline.For(Instant.FromUtc(2026, 11, 23, 10, 0), 3, Berlin, []).ShouldBe(Instant.FromUtc(2026, 11, 26, 23, 0));
}
